// Browser entry of the bench: ?backend=webgpu|webgl|cpu|wasm&profile=full|lite|smoke. Runs the
// suite on the main thread (the engine code is the same the worker runs) and leaves the result in
// window.__benchResult for scripts/bench.mjs to collect.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { installFastCpuKernels } from '../src/engine/kernels';
import { wasmFilesAt } from '../src/worker/wasm';
import { WASM_FILES } from '../src/worker/wasm-files';
import { describeEnvironment } from './env';
import { profile } from './suite/profiles';
import { runSuite } from './suite/run';

declare global {
  interface Window {
    __benchResult?: unknown;
    /** The sections finished so far, for a runner that runs out of time. */
    __benchPartial?: unknown;
  }
}

const logEl = document.getElementById('log');
function log(message: string): void {
  const line = `+${(performance.now() / 1000).toFixed(1)} s ${message}`;
  console.log(`[bench] ${line}`);
  if (logEl) logEl.textContent += `${line}\n`;
}

async function selectBackend(name: string): Promise<string | null> {
  if (name === 'cpu') installFastCpuKernels();
  if (name === 'wasm') {
    // As the app's worker runs it below 4 logical cores: the .wasm files from this origin, SIMD,
    // one thread (the bench page is not cross-origin isolated).
    wasmFilesAt(WASM_FILES);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  try {
    if (!(await tf.setBackend(name))) return 'initialisation failed';
    await tf.ready();
    return tf.getBackend() === name ? null : `got ${tf.getBackend()} instead`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const backend = q.get('backend') ?? 'webgpu';
  const failure = await selectBackend(backend);
  const env = await describeEnvironment(backend);
  if (backend === 'wasm' && !failure) {
    env.wasm = {
      simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean,
      threads: getThreadsCount(),
    };
  }
  if (failure) {
    window.__benchResult = { backend, unavailable: failure, env };
    return;
  }
  log(`backend ${backend} ready`);

  const result = await runSuite(profile(q.get('profile')), log, (partial) => {
    window.__benchPartial = { ...partial, env };
  });
  window.__benchResult = { ...result, env };
}

main().catch((err: unknown) => {
  window.__benchResult = {
    error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
  };
});
