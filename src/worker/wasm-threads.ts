/**
 * The wasm backend's threaded build, made to start in a bundled app under its CSP. Vite loads this
 * module in place of TF.js's own import of the threaded glue (`wasmThreads` in vite.config.ts).
 *
 * TF.js hands each pthread worker the glue as a blob made from the factory's source text
 * (`factory.toString()`). That fails twice in a bundled app: the blob's `importScripts` is refused
 * by the policy (`script-src 'self'`: no blob scripts), and the bundled factory's text is not the
 * whole glue (the minifier renamed what it closes over). So the pthreads get the glue itself, as
 * one of the app's own files, by absolute URL: a blob worker cannot resolve a relative one.
 */
import factory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import glue from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

type Factory = (config: Record<string, unknown>) => unknown;

/** TF.js's threaded factory, with the pthreads' script set to the glue's URL. */
export default function threadedFactory(config: Record<string, unknown>): unknown {
  const mainScriptUrlOrBlob = new URL(glue, self.location.href).href;
  return (factory as Factory)({ ...config, mainScriptUrlOrBlob });
}
