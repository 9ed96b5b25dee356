// `npm run presets`: runs the full Reproduce presets in the built app in headless Chromium, one
// fresh page per preset, exactly as a person would (the "Reproduce: …" button, then waiting for
// its table), and writes what each measured — per claim the mean paired effect, its 95%
// interval, the sign-test p, n and the verdict — to bench/results/presets-latest.json and .md.
//
//   npm run presets                                  every preset, on the CPU backend
//   npm run presets -- --only=swa-vs-sgd,kaddour --backend=webgpu --port=4198
//   node scripts/presets.mjs --headless [--only=…] [--seeds=5] [--epochs=10] [--out=PATH]
//   node scripts/presets.mjs --merge=DIR --out=PATH   (per-seed files of scripts/device/presets-seed.ts)
//     [--judge-also=all-four:kaddour]   judge a preset on another's seeds when both run alike
//     [--into=bench/results/presets-latest.json]   keep that report's other presets' tables
//
// The CPU backend is the default because on a machine without a GPU WebGPU and WebGL run on
// SwiftShader, which is slower than TF.js's CPU kernels for these small models. --headless runs
// the same runner in Node (src/headless/presets.ts) with no browser; only there can a run be
// reduced (fewer seeds or epochs), and a reduced run writes to --out, not to presets-latest.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { runnerImport } from 'vite';
import { launchBrowser } from './bench-browser.mjs';
import { startPreview } from './preview-server.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? true];
  }),
);
const PRESETS = {
  'swa-vs-sgd': 'SWA vs SGD',
  'sam-vs-sgd': 'SAM vs SGD',
  kaddour: 'Kaddour et al. Obs. 1–3',
  'all-four': 'all four optimizers',
  'm-sharpness': 'm-sharpness: sweep m',
  'sam-order': 'SAM: first vs second order',
  'mode-connectivity': 'Mode connectivity',
  'fge-vs-swa': 'SGD vs FGE vs SWA',
  'skip-connections': 'Skip connections (Li et al. Fig. 5)',
};
const ONLY = String(args.only ?? Object.keys(PRESETS).join(',')).split(',');
const BACKEND = String(args.backend ?? 'cpu');
const PORT = Number(args.port ?? 4197);
// A full four-optimizer preset takes hours on a loaded 2-core CPU.
const TIMEOUT_MS = Number(args['timeout-minutes'] ?? 360) * 60_000;
const REDUCTION = {
  seeds: args.seeds ? Number(args.seeds) : undefined,
  epochs: args.epochs ? Number(args.epochs) : undefined,
};
const REDUCED = REDUCTION.seeds !== undefined || REDUCTION.epochs !== undefined;
const OUT = String(
  args.out ?? (REDUCED ? 'bench/results/presets-reduced' : 'bench/results/presets-latest'),
);
const root = new URL('..', import.meta.url).pathname;
const log = (line) => console.log(`[presets] ${line}`);

/** Every row of a table as its cells' texts (header cells included). */
const tableRows = (table) =>
  table.evaluate((el) =>
    Array.from(el.querySelectorAll('tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent?.trim() ?? ''),
    ),
  );

/** A table's body rows as objects keyed by its header cells. */
const keyed = ([head, ...body]) =>
  body.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i] ?? ''])));

/** Logs the progress bar's text whenever it changes, until the results table appears. */
async function waitForTable(page, table, started) {
  const bar = page.getByRole('progressbar', { name: 'Reproduce progress' });
  let last = '';
  while (Date.now() - started < TIMEOUT_MS) {
    if (await table.isVisible()) return;
    const alert = page.getByRole('region', { name: 'Reproduce', exact: true }).getByRole('alert');
    if (await alert.count()) throw new Error(`the preset failed: ${await alert.textContent()}`);
    const text = (await bar.count()) ? await bar.getAttribute('aria-valuetext') : null;
    if (text && text !== last) log(`  ${((Date.now() - started) / 60_000).toFixed(1)} min ${text}`);
    last = text ?? last;
    await page.waitForTimeout(5_000);
  }
  throw new Error(`no table after ${TIMEOUT_MS / 60_000} min`);
}

async function runPreset(browser, id) {
  const label = PRESETS[id];
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://localhost:${PORT}/?backend=${BACKEND}`);
  const backend = page.getByLabel('Backend', { exact: true });
  await backend.filter({ hasText: /webgpu|webgl|cpu/ }).waitFor({ timeout: 120_000 });
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const button = panel.getByRole('button', { name: `Reproduce: ${label}`, exact: true });
  await button.waitFor({ state: 'visible' });
  const started = Date.now();
  await button.click();
  const claims = panel.getByRole('table', { name: `Reproduce: ${label}, what this run measured` });
  await waitForTable(page, claims, started);
  const measures = panel.getByRole('table', { name: /^Per optimizer/ });
  const result = {
    preset: id,
    label,
    backend: (await backend.textContent())?.trim() ?? null,
    minutes: Number(((Date.now() - started) / 60_000).toFixed(2)),
    setup: await panel
      .getByRole('article', { name: label, exact: true })
      .locator('dl > div')
      .evaluateAll((divs) =>
        divs.map(
          (d) => `${d.querySelector('dt')?.textContent}: ${d.querySelector('dd')?.textContent}`,
        ),
      ),
    claimRows: await tableRows(claims),
    measureRows: await tableRows(measures),
    errors,
  };
  await page.close();
  return { ...result, claims: keyed(result.claimRows), measures: keyed(result.measureRows) };
}

const mdTable = (rows) => {
  const [head, ...body] = rows;
  const line = (cells) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
};

function markdown(report) {
  const parts = [
    `# Reproduce presets, ${report.date}`,
    '',
    `${report.machine}; browser ${report.browser}; backend ${report.backend}${report.reduction ? `; REDUCED ${JSON.stringify(report.reduction)}` : ''}; ${report.minutes} min in all. Generated by \`npm run presets\`.`,
  ];
  for (const r of report.results) {
    parts.push('', `## ${r.label} (${r.minutes} min on ${r.backend})`, '', r.setup.join('; '));
    parts.push('', mdTable(r.claimRows), '', mdTable(r.measureRows));
  }
  return `${parts.join('\n')}\n`;
}

const num = (x) => (x === null || !Number.isFinite(x) ? '—' : String(Number(x.toPrecision(3))));

/** Headless results in the browser's table shape, so one markdown writer serves both. */
function headlessRows(r) {
  const claimRows = [
    ['Observation', 'Effect', '95% CI', 'Sign test p', 'n', 'Verdict'],
    ...r.claims.map((c) => [
      c.claim,
      `${num(c.effect)} (${c.effectIs})`,
      `[${num(c.ci95[0])}, ${num(c.ci95[1])}]`,
      num(c.signTestP),
      String(c.n),
      c.verdict,
    ]),
  ];
  const opt = [...new Set(r.seeds.flatMap((s) => Object.keys(s.runs)))];
  // Every measure any run has (arms may measure different things), testAcc first.
  const measured = r.seeds.flatMap((s) => Object.values(s.runs).flatMap((m) => Object.keys(m)));
  const keys = [...new Set(['testAcc', ...measured])].filter((k) => k !== 'runId');
  const measureRows = [
    ['Seed', 'Arm', ...keys],
    ...r.seeds.flatMap((s) =>
      opt.map((o) => [String(s.seed), o, ...keys.map((k) => num(s.runs[o]?.[k] ?? null))]),
    ),
  ];
  return { ...r, backend: 'cpu (Node)', setup: [], claimRows, measureRows };
}

async function headless() {
  const { module } = await runnerImport(join(root, 'src/headless/presets.ts'), {
    configFile: false,
    logLevel: 'error',
  });
  const results = await module.runPresetsHeadless(ONLY, REDUCTION, {
    readPublic: (path) => readFile(join(root, 'public', path)),
    log: (line) => log(line),
  });
  return { results: results.map(headlessRows), browser: 'none (Node)' };
}

/** With `--into=FILE`: that report's results for the presets not measured now, then these. */
function keepOthers(results) {
  if (!args.into) return results;
  const old = JSON.parse(readFileSync(String(args.into), 'utf8'));
  const fresh = new Set(results.map((r) => r.preset));
  const kept = old.results
    .filter((r) => !fresh.has(r.preset))
    .map((r) => ({
      ...r,
      setup: r.setup?.length ? r.setup : [`Measured on ${old.machine} (${old.date}).`],
    }));
  return [...kept, ...results];
}

/** `--merge=DIR`: per-seed results of scripts/device/presets-seed.ts, judged together. */
async function merged() {
  const { module } = await runnerImport(join(root, 'src/headless/presets.ts'), {
    configFile: false,
    logLevel: 'error',
  });
  const dir = String(args.merge);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const parts = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8'))),
  );
  const ids = [...new Set(parts.map((p) => p.preset))];
  const judged = (id, from) => {
    const mine = parts.filter((p) => p.preset === from);
    const ms = Math.max(...mine.map((p) => p.ms));
    const r = headlessRows(
      module.judgeSeeds(
        id,
        mine.flatMap((p) => p.seeds),
        ms,
      ),
    );
    const where = args.machine ? String(args.machine) : 'this machine';
    const note =
      id === from
        ? ''
        : ` Judged on the runs of ${PRESETS[from]}: the two train and probe alike, only the claims differ.`;
    return { ...r, setup: [`Measured on ${where}, one process per seed.${note}`] };
  };
  const results = ids.map((id) => judged(id, id));
  for (const pair of args['judge-also'] ? String(args['judge-also']).split(',') : []) {
    const [id, from] = pair.split(':');
    if (!module.sameRuns(id, from)) throw new Error(`${id} does not train and probe like ${from}`);
    results.push(judged(id, from));
  }
  return { results: keepOthers(results), browser: 'none (Node, one process per seed)' };
}

async function inBrowser() {
  const server = await startPreview(PORT);
  const { browser } = await launchBrowser();
  const results = [];
  try {
    for (const id of ONLY) {
      if (!PRESETS[id])
        throw new Error(`unknown preset ${id} (${Object.keys(PRESETS).join(', ')})`);
      log(`${id}: starting`);
      results.push(await runPreset(browser, id));
      log(`${id}: ${JSON.stringify(results.at(-1))}`);
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.kill();
  }
  return { results, browser: browser.version() };
}

async function main() {
  if (REDUCED && !args.headless) throw new Error('--seeds and --epochs need --headless');
  const started = Date.now();
  const { results, browser } = args.merge
    ? await merged()
    : args.headless
      ? await headless()
      : await inBrowser();
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const report = {
    date: new Date().toISOString(),
    // --machine names where merged per-seed runs ran (the merge itself runs anywhere).
    machine: args.machine
      ? String(args.machine)
      : `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
    browser,
    backend: args.headless || args.merge ? 'cpu (Node)' : BACKEND,
    reduction: REDUCED ? REDUCTION : null,
    minutes: Number(((Date.now() - started) / 60_000).toFixed(2)),
    results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`${OUT}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${OUT}.md`, markdown(report));
  log(`wrote ${OUT}.json and ${OUT}.md`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
