import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Content-Security-Policy of the built app: scripts and workers from the app's own files only
 * (no inline script, no eval), requests to its own origin only. 'wasm-unsafe-eval' allows
 * compiling WebAssembly (the HDF5 reader), not JavaScript eval. STYLE_SRC: see below.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // blob: for the wasm backend's threads (Emscripten starts its pthreads from a blob URL).
  "worker-src 'self' blob:",
  "connect-src 'self'",
  // Plotly sets style attributes and injects its own <style> rules at run time.
  "style-src 'self' 'unsafe-inline'",
  // Plotly's "download plot as PNG" renders through data: and blob: images.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
export const CSP = CSP_DIRECTIVES.join('; ');

/**
 * The policy as a <meta> in the built index.html, so it holds wherever the files are served;
 * only at build time, because the dev server injects inline scripts (React refresh).
 */
function cspMeta(): Plugin {
  return {
    name: 'flatland-csp-meta',
    apply: 'build',
    // Right after the charset (which must come first), before any script or stylesheet.
    transformIndexHtml: (html) =>
      html.replace(
        /(<meta charset="UTF-8" \/>)/,
        `$1\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

/**
 * TF.js's import of the wasm backend's threaded glue, answered with `src/worker/wasm-threads.ts`,
 * which gives the pthreads the glue as a file of the app (see there why TF.js's own way fails).
 * Only the import from TF.js's backend is redirected; the shim's own import of the glue is not.
 * Worker bundles only: the wasm backend runs in the worker.
 */
function wasmThreads(): Plugin {
  const shim = fileURLToPath(new URL('./src/worker/wasm-threads.ts', import.meta.url));
  return {
    name: 'flatland-wasm-threads',
    enforce: 'pre',
    resolveId: (source, importer) =>
      source.endsWith('/wasm-out/tfjs-backend-wasm-threaded-simd.js') &&
      importer?.includes('tfjs-backend-wasm/dist/')
        ? shim
        : null,
  };
}

/**
 * Cross-origin isolation: SharedArrayBuffer, and so the wasm backend's threads (README,
 * "Hosting": static hosting sends the same two headers; without them evaluation runs on one
 * thread). Everything the app loads is its own, so `require-corp` blocks nothing.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Headers of `vite preview`: isolation, the policy again (plus what a <meta> cannot say), no sniffing. */
const PREVIEW_HEADERS = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

// The app is served from its own origin only; the worker is an ES module so it can import the engine.
export default defineConfig({
  plugins: [react(), cspMeta()],
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  server: { port: 5173, headers: ISOLATION_HEADERS },
  preview: { port: 4173, headers: PREVIEW_HEADERS },
});
