// Node entry of the bench: the same suite on TF.js's CPU backend (pure JS, the engine's fast CPU
// kernels installed as in the worker's CPU fallback). Built by scripts/bench.mjs; writes JSON.
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { installFastCpuKernels } from '../src/engine/kernels';
import { profile } from './suite/profiles';
import { runSuite } from './suite/run';

async function main(): Promise<void> {
  const [out, name] = process.argv.slice(2);
  if (!out) throw new Error('usage: node node.js <out.json> [profile]');
  installFastCpuKernels();
  await tf.setBackend('cpu');
  await tf.ready();
  const result = await runSuite(profile(name), (line) => console.log(`[node cpu] ${line}`));
  const env = {
    runtime: `Node ${process.version}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
  };
  writeFileSync(out, JSON.stringify({ ...result, env }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
