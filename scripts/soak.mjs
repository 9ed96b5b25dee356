/* global self */ // the worker.evaluate callbacks run in the engine worker
/**
 * Soak test: drives the built app in headless Chromium for N minutes — train a tiny run, compute
 * its slice and landscape, delete it, again — and samples memory every minute: the worker's
 * tf.memory() (tensors, bytes, GPU bytes where the backend reports them) and the page's and
 * worker's JS heaps. Writes bench/results/soak-latest.json; exits 1 if tensors grew.
 *
 *   npm run soak                           30 minutes on the backend the app picks
 *   npm run soak -- --minutes 3 --backend cpu --out /tmp/soak.json
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from '@playwright/test';
import { BROWSER_INSTALL_HINT, findBrowser } from './browser-path.mjs';
import { CHROMIUM_ARGS } from './bench-browser.mjs';
import { heapSummary } from './heap-summary.mjs';
import { startPreview } from './preview-server.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const MINUTES = Number(arg('minutes', '30'));
const BACKEND = arg('backend', 'auto');
const PORT = Number(arg('port', process.env.SOAK_PORT ?? '4199'));
const SAMPLE_MS = Number(arg('sample-seconds', '60')) * 1000;
const OUT = arg('out', 'bench/results/soak-latest.json');
const RUN_PARAMS = {
  backend: BACKEND,
  model: 'tiny-cnn',
  subset: '64',
  batch: '32',
  epochs: '1',
  evalSamples: '32',
  grid: '3',
  slice: '5',
};

// The bench's software-GPU flags (the e2e tests' too), plus precise heap figures and gc() before
// each heap sample, so the figures are live memory, not garbage not yet collected.
const SOAK_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];

/** tf.memory() of the engine worker (TF.js keeps its engine on the global object). */
async function sample(page, cycles, startedAt) {
  const worker = page.workers()[0];
  const tf = worker ? await worker.evaluate(() => self._tfengine?.memory() ?? null) : null;
  const workerHeap = worker
    ? await worker.evaluate(() => performance.memory?.usedJSHeapSize ?? null)
    : null;
  const pageHeap = await page.evaluate(() => {
    globalThis.gc?.();
    return performance.memory?.usedJSHeapSize ?? null;
  });
  const backend = await page.getByLabel('Backend', { exact: true }).textContent();
  return {
    minute: Math.round(((Date.now() - startedAt) / 60_000) * 100) / 100,
    cycles,
    backend: backend?.trim() ?? null,
    numTensors: tf?.numTensors ?? null,
    numBytes: tf?.numBytes ?? null,
    numBytesInGPU: tf?.numBytesInGPU ?? tf?.numBytesInGPUAllocated ?? null,
    workerHeapBytes: workerHeap,
    pageHeapBytes: pageHeap,
  };
}

/** One cycle: train, wait for the landscape, delete the run so nothing is meant to stay. */
async function cycle(page) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page
    .getByText('Training finished')
    .first()
    .waitFor({ timeout: 10 * 60_000 });
  await page
    .getByText(/evaluations in/)
    .first()
    .waitFor({ timeout: 10 * 60_000 });
  // Only the Runs list's own buttons: other panels name runs too, and the list re-renders as
  // runs are saved, so each delete waits for the list to shrink before the next.
  const runs = page.getByRole('list', { name: 'Runs', exact: true });
  const del = runs.getByRole('button', { name: /^Delete / });
  for (let n = await del.count(); n > 0; n = await del.count()) {
    await del.first().click({ timeout: 120_000 });
    const deadline = Date.now() + 120_000;
    while ((await del.count()) >= n && Date.now() < deadline) await page.waitForTimeout(200);
  }
}

async function main() {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(BROWSER_INSTALL_HINT);
  const server = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath, args: SOAK_ARGS });
  const errors = [];
  const samples = [];
  const heap = {};
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // Chromium asks for /favicon.ico by itself; its 404 is not the app's.
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(m.text());
    });
    const url = `http://localhost:${PORT}/?${new URLSearchParams(RUN_PARAMS)}`;
    await page.goto(url);
    // The worker exists once it has picked a backend; sampling starts from there.
    const backend = page.getByLabel('Backend', { exact: true });
    await backend.filter({ hasText: /webgpu|webgl|cpu/ }).waitFor({ timeout: 120_000 });
    const startedAt = Date.now();
    let cycles = 0;
    let nextSample = startedAt;
    while (Date.now() - startedAt < MINUTES * 60_000) {
      if (Date.now() >= nextSample) {
        samples.push(await sample(page, cycles, startedAt));
        console.log(`[soak] ${JSON.stringify(samples.at(-1))}`);
        nextSample += SAMPLE_MS;
      }
      await cycle(page);
      cycles += 1;
      // After the first cycle every part of the app has run once: the baseline of the breakdown.
      if (cycles === 1) heap.afterFirstCycle = await heapSummary(cdp);
    }
    heap.end = await heapSummary(cdp);
    samples.push(await sample(page, cycles, startedAt));
    console.log(`[soak] ${JSON.stringify(samples.at(-1))}`);
  } finally {
    await browser.close();
    server.kill();
  }
  // The first sample is before any run; the second is after the first cycle, once the caches
  // (evaluation samples, compiled kernels) exist. Growth is measured from there.
  const base = samples[1] ?? samples[0];
  const end = samples.at(-1);
  const growth = end && base ? end.numTensors - base.numTensors : null;
  const result = {
    date: new Date().toISOString(),
    minutes: MINUTES,
    backend: BACKEND,
    params: RUN_PARAMS,
    errors,
    tensorGrowth: growth,
    /** Page heap by category (bytes, heap snapshot after GC) after cycle 1 and at the end. */
    pageHeapBreakdown: heap,
    samples,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `[soak] wrote ${OUT}: ${samples.length} samples, tensor growth ${growth}, ${errors.length} errors`,
  );
  if (growth !== 0 || errors.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
