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

/** Fetching and compiling the SIMD build takes well under a second; a hung start must not block. */
const START_TIMEOUT_MS = 15_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no start within ${ms / 1000} s`)), ms),
    ),
  ]);
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
    const previous = tf.getBackend();
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    try {
      const ok = await withTimeout(tf.setBackend('wasm'), START_TIMEOUT_MS);
      if (!ok) return null;
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
      return { simd, threads: getThreadsCount() };
    } catch (error) {
      console.warn('WebAssembly backend unavailable:', error);
      return null;
    } finally {
      if (previous && previous !== tf.getBackend()) await tf.setBackend(previous);
    }
  })();
  return started;
}
