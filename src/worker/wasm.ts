/**
 * TF.js's WebAssembly backend (XNNPACK, SIMD, threads where they help) as the evaluation backend:
 * forward passes only, since TF.js 4.22's wasm backend has no Conv2DBackpropFilter and so cannot
 * train a CNN. Importing this module registers 'wasm'.
 *
 * Threads need a cross-origin isolated page (COOP/COEP, set by the Vite servers; README,
 * "Hosting") and, in a bundled app, `wasm-threads.ts` to start at all.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** What the wasm backend runs with, for the page to say. */
export interface WasmInfo {
  simd: boolean;
  threads: number;
  /** Why it runs one thread, where it does: see {@link threadsPlan}. */
  oneThreadWhy?: string;
}

/**
 * Whether to start the threaded build, and if not, why. TF.js sizes its thread pool at half the
 * logical cores (it takes two hardware threads per core), 1 to 8: below 4 logical cores it runs
 * one thread anyway, and the threaded build would only add its 8 idle pthread workers.
 */
export function threadsPlan(isolated: boolean, logicalCores: number): string | null {
  if (!isolated) return 'the page is not cross-origin isolated';
  if (Math.floor(logicalCores / 2) < 2) return `${logicalCores} logical cores`;
  return null;
}

let started: Promise<WasmInfo | null> | null = null;

/**
 * e.g. "wasm (XNNPACK, SIMD, 4 threads)" or "wasm (XNNPACK, SIMD, 1 thread: 2 logical cores)", as
 * the Backend badge and each grid say it.
 */
export function describeWasm(w: WasmInfo): string {
  const threads = `${w.threads} thread${w.threads === 1 ? '' : 's'}`;
  const why = w.threads === 1 && w.oneThreadWhy ? `: ${w.oneThreadWhy}` : '';
  return `wasm (XNNPACK${w.simd ? ', SIMD' : ''}, ${threads}${why})`;
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
    // Node (the unit tests) has neither a navigator (before Node 21) nor isolation.
    const cores = (globalThis.navigator as Navigator | undefined)?.hardwareConcurrency ?? 1;
    const why = threadsPlan(globalThis.crossOriginIsolated, cores);
    // Otherwise TF.js's own test decides (SharedArrayBuffer, WebAssembly threads).
    if (why) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    try {
      if (!(await startBackendWithin('wasm', START_TIMEOUT_MS))) return null;
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
      const threads = getThreadsCount();
      if (threads > 1) return { simd, threads };
      const other = simd ? 'this browser has no WebAssembly threads' : 'no WebAssembly SIMD';
      return { simd, threads, oneThreadWhy: why ?? other };
    } catch (error) {
      console.warn('WebAssembly backend unavailable:', error);
      return null;
    }
  })();
  return started;
}
