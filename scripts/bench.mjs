// `npm run bench`: builds the bench page (bench/, its own Vite config) and a Node bundle of the
// same suite, runs the suite in Node on the CPU backend (and its forward passes on the wasm
// backend) and in headless Chromium on every backend (webgpu, webgl, cpu; wasm: forward passes
// only), probes the real app (page load, long tasks; the default landscape's wall clock and the
// slider's latency per backend the app can pick), and writes bench/results/latest.json, a dated
// copy and the generated part of BENCHMARKS.md.
//
// Options: --rerender (summary and BENCHMARKS.md again from latest.json's raw results)
//          --backends=webgpu,webgl,cpu,wasm  --no-node  --no-app  --no-landscape
//          --profile=<name> (all backends but wasm, which always runs the `wasm` profile)
//          --app-backend=cpu|webgl|webgpu|auto (the worker's backend in the long-task probe)
//          --landscape-backends=auto,cpu (the app's backends whose default landscape is timed;
//          webgpu/webgl are skipped with the reason where their adapter is software, unless named)
//          --port=<n> (default $BENCH_PORT or 4195; the bench page and then the app are served
//          on it one after the other)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { build, preview } from 'vite';
import { probeApp } from './bench-app.mjs';
import { launchBrowser, runBenchPage } from './bench-browser.mjs';
import { probeLandscape } from './bench-landscape.mjs';
import { renderMarkdown } from './bench-markdown.mjs';
import { BACKEND_ORDER, assembleReport, writeMarkdown, writeResults } from './bench-report.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
/**
 * Per-backend sizes (bench/suite/profiles.ts) and how long each page may take in all: the sum of
 * its sections' budgets plus warm-up rounds and shader compilation, with room to spare (a page
 * that still runs out of time keeps the sections it finished).
 */
const PLAN = {
  webgpu: { profile: 'webgpu', timeoutMs: 1_200_000 },
  webgl: { profile: 'webgl', timeoutMs: 480_000 },
  cpu: { profile: 'cpu', timeoutMs: 420_000 },
  // Forward passes only (it cannot train a CNN), whatever --profile says.
  wasm: { profile: 'wasm', timeoutMs: 180_000, fixed: true },
};
const BACKENDS = String(args.backends ?? 'webgpu,webgl,cpu,wasm')
  .split(',')
  .filter((b) => b in PLAN);
// One port for both servers (the bench page's is closed before the app's opens), so parallel
// checkouts only need one free port each.
const BENCH_PORT = Number(args.port ?? process.env.BENCH_PORT ?? 4195);
const APP_PORT = BENCH_PORT;
/**
 * A tiny run of the real app, preset through its URL parameters. The worker uses the CPU backend
 * by default: long tasks are about the main thread, and on SwiftShader a WebGPU run of even four
 * steps takes minutes of shader compilation (--app-backend=auto to measure with the app's pick).
 */
const APP_QUERY = `backend=${args['app-backend'] ?? 'cpu'}&model=tiny-cnn&subset=128&batch=32&epochs=1&evalSamples=32&slice=11&grid=5`;
/**
 * The app's backends whose default landscape is timed: its own choice ('auto': here the CPU for
 * training and wasm for evaluation) and `?backend=cpu` (everything on TF.js's CPU backend, the
 * path before issue 15: minutes). A forced webgpu/webgl on SwiftShader would take hours: named
 * here they are measured, otherwise recorded as skipped with the app's own reason.
 */
const LANDSCAPE_BACKENDS = String(args['landscape-backends'] ?? 'auto,cpu').split(',');
/** The landscape's cap per backend (the CPU path took 241 s on a quiet machine before). */
const LANDSCAPE_MS = 600_000;

const log = (line) => console.log(`[bench] ${line}`);
const load = () => os.loadavg().map((v) => Number(v.toFixed(2)));

async function buildAll() {
  log('building the bench page and the Node bundle');
  await build({ configFile: 'bench/vite.config.ts', logLevel: 'warn' });
  await build({
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: { ssr: 'bench/node.ts', outDir: 'bench/dist/node', emptyOutDir: true, target: 'node20' },
  });
  if (args['no-app']) return;
  log('building the app (into bench/dist/app; dist/ is left alone)');
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    build: { outDir: 'bench/dist/app', emptyOutDir: true },
  });
}

/** The suite in Node on `backend` (cpu: the `node` profile; wasm: forward passes only). */
function runNode(backend) {
  log(`Node, ${backend} backend`);
  const out = `bench/dist/node-${backend}-result.json`;
  const name = backend === 'wasm' ? 'wasm' : (args.profile ?? 'node');
  const r = spawnSync(process.execPath, ['bench/dist/node/node.js', out, name, backend], {
    stdio: 'inherit',
    timeout: 480_000,
  });
  if (r.status !== 0) return { error: `node suite exited with ${r.status ?? r.signal}` };
  return JSON.parse(readFileSync(out, 'utf8'));
}

async function runBrowser(browser) {
  const server = await preview({
    configFile: 'bench/vite.config.ts',
    preview: { port: BENCH_PORT, strictPort: true, host: 'localhost' },
  });
  const out = {};
  try {
    for (const backend of BACKENDS) {
      const plan = PLAN[backend];
      const profile = plan.fixed ? plan.profile : (args.profile ?? plan.profile);
      log(`browser, ${backend} backend (profile ${profile})`);
      const url = `http://localhost:${BENCH_PORT}/?backend=${backend}&profile=${profile}`;
      out[backend] = await runBenchPage(browser, url, plan.timeoutMs).catch((err) => ({
        error: String(err?.message ?? err).split('\n')[0],
      }));
    }
  } finally {
    await server.close();
  }
  return out;
}

/**
 * The real app: load and long tasks on a tiny run, then (unless --no-landscape) the default
 * landscape and the slider's latency per backend in LANDSCAPE_BACKENDS.
 */
async function runApp(browser) {
  const server = await preview({
    configFile: 'vite.config.ts',
    build: { outDir: 'bench/dist/app' },
    preview: { port: APP_PORT, strictPort: true, host: 'localhost' },
  });
  const base = `http://localhost:${APP_PORT}`;
  const app = {};
  try {
    log('the real app: load, training and slider long tasks');
    app.app = await probeApp(browser, base, { query: APP_QUERY, timeoutMs: 300_000 }).catch(
      (err) => ({ error: String(err?.message ?? err).split('\n')[0] }),
    );
    if (args['no-landscape']) return app;
    app.landscapes = {};
    for (const backend of LANDSCAPE_BACKENDS) {
      log(`the real app: default landscape and slider latency, backend ${backend}`);
      app.landscapes[backend] = await probeLandscape(browser, base, {
        backend,
        landscapeMs: LANDSCAPE_MS,
        timeoutMs: 300_000,
      });
    }
    return app;
  } finally {
    await server.close();
  }
}

function machine(loadBefore) {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadBefore,
    loadAfter: load(),
  };
}

async function main() {
  const started = Date.now();
  const loadBefore = load();
  await buildAll();
  const backends = {};
  if (!args['no-node']) {
    backends['node-cpu'] = runNode('cpu');
    backends['node-wasm'] = runNode('wasm');
  }
  const { browser, executablePath } = await launchBrowser();
  let browserVersion;
  let app = {};
  try {
    browserVersion = `${executablePath} (Chromium ${browser.version()})`;
    Object.assign(backends, await runBrowser(browser));
    if (!args['no-app']) app = await runApp(browser);
  } finally {
    await browser.close();
  }
  // Browser backends first, in the app's order of preference, then Node.
  const ordered = Object.fromEntries(
    BACKEND_ORDER.filter((b) => backends[b]).map((b) => [b, backends[b]]),
  );
  const report = assembleReport({
    date: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: machine(loadBefore),
    browser: browserVersion,
    backends: ordered,
    app: app.app,
    landscapes: app.landscapes,
  });
  const dated = writeResults(report);
  await writeMarkdown(renderMarkdown(report));
  log(`wrote bench/results/latest.json, ${dated} and BENCHMARKS.md in ${report.durationS} s`);
}

/** --rerender: rebuilds latest.json's summary and BENCHMARKS.md from its raw results, no run. */
async function rerender() {
  const old = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'));
  const report = assembleReport(old);
  writeResults(report);
  await writeMarkdown(renderMarkdown(report));
  log('re-rendered bench/results/latest.json (and its dated copy) and BENCHMARKS.md');
}

(args.rerender ? rerender() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
