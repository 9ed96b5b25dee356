// npm run experiment -- <config.json> --out <run.flatland>: a headless training run in Node, with
// the app's own worker and engine code (src/headless/experiment.ts). Vite's module runner loads
// the TypeScript sources as they are.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runnerImport } from 'vite';

const root = new URL('..', import.meta.url).pathname;

try {
  const { module } = await runnerImport(join(root, 'src/headless/experiment.ts'), {
    configFile: false,
    logLevel: 'error',
  });
  const args = module.parseArgs(process.argv.slice(2));
  const config = JSON.parse(await readFile(args.config, 'utf8'));
  const bytes = await module.runExperiment(config, {
    readPublic: (path) => readFile(join(root, 'public', path)),
  });
  await writeFile(args.out, bytes);
  console.log(`wrote ${args.out} (${(bytes.length / 1024).toFixed(1)} KiB)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
