import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench page is its own Vite app (root bench/), built next to it in bench/dist, so the main
// app's config and dist/ are never touched. It imports the engine straight from src/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
});
