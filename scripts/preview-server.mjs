// The production build (dist/) served by `vite preview` in a child process, for the scripts that
// drive the real app (soak, presets). Vite itself is spawned, not npx, so that killing the child
// stops the server.
import { spawn } from 'node:child_process';

/** Starts `vite preview` on `port` and resolves once it listens; kill() the result to stop it. */
export async function startPreview(port) {
  const vite = ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'];
  const server = spawn(process.execPath, vite, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => String(chunk).includes(String(port)) && resolve());
    server.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
  return server;
}
