import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served from its own origin only; the worker is an ES module so it can import the engine.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
