/**
 * TF.js's WebAssembly backend (XNNPACK, SIMD) as the evaluation backend: forward passes only,
 * since TF.js 4.22's wasm backend has no Conv2DBackpropFilter and so cannot train a CNN.
 * Importing this module registers 'wasm'.
 *
 * One thread: the threaded build cannot run here. Its pthread workers load the Emscripten glue
 * from a blob URL, which a bundled module worker breaks (measured in Chromium 156 with the page
 * cross-origin isolated: every pthread worker fails with "ReferenceError: e is not defined" and
 * the backend never starts). So the multithread probe is switched off and the SIMD build is used.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** What the wasm backend runs with, for the page to say. */
export interface WasmInfo {
  simd: boolean;
  threads: number;
}

let started: Promise<WasmInfo | null> | null = null;

/** e.g. "wasm (XNNPACK, SIMD, 1 thread)", as the Backend badge and each grid say it. */
export function describeWasm(w: WasmInfo): string {
  return `wasm (XNNPACK${w.simd ? ', SIMD' : ''}, ${w.threads} thread${w.threads === 1 ? '' : 's'})`;
}

/** Fetching and compiling the SIMD build takes well under a second; a hung start must not block. */
const START_TIMEOUT_MS = 15_000;

/**
 * Makes `name` the active backend if its start completes within `ms`; false otherwise, with the
 * active backend left as it was. A start that times out is retired (`tf.removeBackend`), because
 * TF.js would otherwise finish it later behind our back: while it is pending every op throws
 * "has not yet been initialized", and when it resolves TF.js installs its instance as the active
 * one under whichever name was set meanwhile, so training would run on a backend it never chose.
 */
export async function startBackendWithin(name: string, ms: number): Promise<boolean> {
  const previous = tf.getBackend();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    const outcome = await Promise.race([tf.setBackend(name), timeout]);
    if (outcome === 'timeout') {
      console.warn(`The ${name} backend did not start within ${ms / 1000} s.`);
      tf.removeBackend(name);
    }
    return outcome === true;
  } finally {
    clearTimeout(timer);
    if (previous && previous !== tf.getBackend()) await tf.setBackend(previous);
  }
}

/**
 * Where the three .wasm builds are served from (the app's own origin: see `wasm-files.ts`, which
 * only the browser worker imports; in Node the package finds its files itself).
 */
export function wasmFilesAt(files: Record<string, string>): void {
  setWasmPaths(files);
}

/**
 * Initialises the wasm backend once, leaving the active backend as it was; null (with the reason
 * logged to the console) when it cannot start, e.g. WebAssembly is disabled.
 */
export function startWasm(): Promise<WasmInfo | null> {
  started ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    try {
      if (!(await startBackendWithin('wasm', START_TIMEOUT_MS))) return null;
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
      return { simd, threads: getThreadsCount() };
    } catch (error) {
      console.warn('WebAssembly backend unavailable:', error);
      return null;
    }
  })();
  return started;
}
