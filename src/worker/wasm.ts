/**
 * TF.js's WebAssembly backend (XNNPACK, SIMD, threads where the page is cross-origin isolated)
 * as the evaluation backend: forward passes only, since TF.js 4.22's wasm backend has no
 * Conv2DBackpropFilter and so cannot train a CNN. Importing this module registers 'wasm'.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** What the wasm backend runs with, for the page to say. */
export interface WasmInfo {
  simd: boolean;
  threads: number;
}

let started: Promise<WasmInfo | null> | null = null;

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
    try {
      const ok = await tf.setBackend('wasm');
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
