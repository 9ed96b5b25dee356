/**
 * The wasm backend's threaded build, made to start in the built app under its CSP. Vite loads this
 * module in place of TF.js's own import of the threaded glue (`wasmThreads` in vite.config.ts).
 *
 * TF.js hands each pthread worker the glue as a blob made from the factory's source text
 * (`factory.toString()`). In the built app that fails twice:
 * - the policy refuses the blob (`script-src 'self'`): every pthread worker throws "NetworkError:
 *   Failed to execute 'importScripts'" and the backend never starts (measured, Chromium 156);
 * - the minified factory's text can name variables of the bundle that the blob does not define
 *   (an earlier build reported "ReferenceError: e is not defined" from every pthread worker).
 * So the pthreads get the glue file itself, served from the app's origin, by absolute URL (a blob
 * worker cannot resolve a relative one). The dev server sends no policy; threads start there too.
 */
import factory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import glue from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

type Factory = (config: Record<string, unknown>) => unknown;

/** TF.js's threaded factory, with the pthreads' script set to the glue's URL. */
export default function threadedFactory(config: Record<string, unknown>): unknown {
  const mainScriptUrlOrBlob = new URL(glue, self.location.href).href;
  return (factory as Factory)({ ...config, mainScriptUrlOrBlob });
}
