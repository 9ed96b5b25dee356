// Node entry of the bench: the same suite on TF.js's CPU backend (pure JS, the engine's fast CPU
// kernels installed as in the worker's CPU fallback), or on the WebAssembly backend (XNNPACK,
// SIMD, one thread: the `wasm` profile's forward passes). Built by scripts/bench.mjs; writes JSON.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { installFastCpuKernels } from '../src/engine/kernels';
import { profile } from './suite/profiles';
import { runSuite } from './suite/run';

async function selectBackend(backend: string): Promise<Record<string, unknown>> {
  if (backend === 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  } else if (backend === 'cpu') {
    installFastCpuKernels();
  } else {
    throw new Error(`Node runs the bench on cpu or wasm, not ${backend}`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not start`);
  await tf.ready();
  if (backend !== 'wasm') return {};
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  return { wasm: { simd, threads: getThreadsCount() } };
}

async function main(): Promise<void> {
  const [out, name, backend = 'cpu'] = process.argv.slice(2);
  if (!out) throw new Error('usage: node node.js <out.json> [profile] [cpu|wasm]');
  const backendEnv = await selectBackend(backend);
  const result = await runSuite(profile(name), (line) => console.log(`[node ${backend}] ${line}`));
  const env = {
    runtime: `Node ${process.version}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    ...backendEnv,
  };
  writeFileSync(out, JSON.stringify({ ...result, env }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
