// Turns the raw results of `npm run bench` into bench/results/latest.json (+ a dated copy) and
// the generated part of BENCHMARKS.md (between the bench:start/bench:end markers; the prose
// around them is kept).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as prettier from 'prettier';
import { builderKey } from './bench-builder.mjs';

/** Goal of each headline key: the comparison and the threshold. */
export const GOALS = {
  sam_over_sgd: ['<=', 2.05],
  swa_over_sgd: ['<=', 1.05],
  wasam_over_sam: ['<=', 1.05],
  fit_ratio: ['>=', 1.0],
  grid_over_forward: ['<=', 1.2],
  batched_grid_speedup: ['>=', 2],
  long_tasks_over_50ms: ['<=', 0],
  default_landscape_s: ['<=', 30],
  probe_latency_ms: ['<=', 150],
};

/** The keys measured in the real app rather than on the bench page. */
export const APP_KEYS = ['long_tasks_over_50ms', 'default_landscape_s', 'probe_latency_ms'];

/**
 * The number a goal is checked on: the suite keys are numbers already; of the real app's, the
 * total long tasks (training and dragging), and for the landscape and the slider the app's own
 * backend choice ('auto'), the probe by the worse of its idle and during-a-grid p95.
 */
export function headline(report, key) {
  const v = report?.[key];
  if (key === 'long_tasks_over_50ms') return typeof v === 'number' ? v : (v?.total ?? null);
  if (key === 'default_landscape_s') return typeof v?.auto === 'number' ? v.auto : null;
  if (key === 'probe_latency_ms') {
    const p95s = [v?.auto?.idle?.p95, v?.auto?.duringGrid?.p95];
    return p95s.every((x) => typeof x === 'number') ? Math.max(...p95s) : null;
  }
  return typeof v === 'number' ? v : null;
}

/** The headline keys of one backend's suite result (null where a section failed or was skipped). */
export function keysOf(result) {
  const s = result?.sections ?? {};
  const pick = (section, key) => (typeof s[section]?.[key] === 'number' ? s[section][key] : null);
  return {
    sam_over_sgd: pick('optimizers', 'sam_over_sgd'),
    swa_over_sgd: pick('optimizers', 'swa_over_sgd'),
    wasam_over_sam: pick('optimizers', 'wasam_over_sam'),
    fit_ratio: pick('fit', 'fit_ratio'),
    grid_over_forward: pick('grid', 'grid_over_forward'),
    batched_grid_speedup: pick('grid', 'batched_grid_speedup'),
  };
}

export function goalMet(key, value) {
  const [op, limit] = GOALS[key];
  if (typeof value !== 'number') return null;
  return op === '<=' ? value <= limit : value >= limit;
}

/** Whether the adapter/renderer strings name a software implementation. */
export function isSoftware(text) {
  return /swiftshader|llvmpipe|software|basic render|warp/i.test(text ?? '');
}

export function adapterText(env) {
  if (!env) return '';
  if (env.webgpuAdapter) {
    const a = env.webgpuAdapter;
    return [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' · ');
  }
  return env.webglRenderer ?? '';
}

export function writeResults(report, dir = 'bench/results') {
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(`${dir}/latest.json`, json);
  const stamp = report.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  writeFileSync(`${dir}/${stamp}.json`, json);
  return `${dir}/${stamp}.json`;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/**
 * Replaces the generated block of BENCHMARKS.md (or appends one), keeping the prose, and formats
 * the file with the repository's Prettier settings so `prettier --check` stays clean.
 */
export async function writeMarkdown(markdown, file = 'BENCHMARKS.md') {
  const block = `${START}\n${markdown.trim()}\n${END}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = old.indexOf(START);
  const b = old.indexOf(END);
  const next =
    a >= 0 && b > a
      ? old.slice(0, a) + block + old.slice(b + END.length)
      : `${old.trim()}\n\n${block}\n`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}

/** Backends in the app's order of preference (wasm only evaluates), then Node. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'cpu', 'wasm', 'node-cpu', 'node-wasm'];

/** The zoo's models, in the order the tables list them. */
export const ZOO = ['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn'];

/** Whether a bench page's backend ran on a software adapter (SwiftShader and the like). */
export const softwareBackend = (result) => isSoftware(adapterText(result?.env));

/**
 * The backends that ran, in the app's order of preference: webgpu → webgl → cpu, but a GPU
 * backend on a software adapter last (the app's automatic choice skips it, `src/worker/backend.ts`),
 * then Node.
 */
export function preferenceOrder(backends) {
  const ran = BACKEND_ORDER.filter((b) => backends[b]);
  return [
    ...ran.filter((b) => !softwareBackend(backends[b])),
    ...ran.filter((b) => softwareBackend(backends[b])),
  ];
}

/**
 * The long tasks of the app probe, training and dragging apart and in all; those of the seconds
 * after a run (the figures taking over from their live canvases) are reported, not counted.
 */
function longTasks(app) {
  const training = app?.training?.count;
  const dragging = app?.slider?.count;
  if (typeof training !== 'number' || typeof dragging !== 'number') return null;
  const afterTraining = app.training.afterTraining?.count ?? null;
  return { total: training + dragging, training, dragging, afterTraining };
}

/**
 * Why the app's default landscape was not timed on `backend`: the reason the app's own choice
 * gave for skipping it (its Backend badge's note), else the bench page's adapter.
 */
function skipReason(backend, landscapes, backends) {
  const note = landscapes?.auto?.choice?.fallback ?? '';
  const part = note
    .replace(/, using \w+$/, '')
    .split('; ')
    .find((p) => p.startsWith(`${backend} `));
  if (part?.startsWith(`${backend} skipped: `))
    return `the app's own choice skips it: ${part.slice(`${backend} skipped: `.length)}`;
  if (part) return part;
  const adapter = adapterText(backends[backend]?.env);
  return isSoftware(adapter)
    ? `software adapter (${adapter}): a forced run would take hours`
    : 'not asked for (--landscape-backends)';
}

/**
 * `default_landscape_s` per backend the app can pick here: seconds, or why not (`error` when it
 * ran out of time or failed, `skipped` for a software GPU backend).
 */
function landscapeSeconds(landscapes, backends) {
  const out = {};
  for (const [name, l] of Object.entries(landscapes ?? {})) {
    out[name] =
      typeof l.landscape_s === 'number' ? l.landscape_s : { error: l.error ?? 'no result' };
  }
  for (const gpu of ['webgpu', 'webgl']) {
    if (!(gpu in out)) out[gpu] = { skipped: skipReason(gpu, landscapes, backends) };
  }
  return out;
}

/** `probe_latency_ms` per app backend: p50/p95/max/n idle and during a grid. */
function probeLatency(landscapes) {
  const pick = (p) =>
    p?.n
      ? {
          p50: p.p50,
          p95: p.p95,
          max: p.max,
          n: p.n,
          ...(p.unanswered ? { unanswered: p.unanswered, lowerBound: true } : {}),
        }
      : null;
  return Object.fromEntries(
    Object.entries(landscapes ?? {}).map(([name, l]) => [
      name,
      {
        idle: pick(l.probeIdle),
        duringGrid: l.probeDuringGrid?.n
          ? { ...pick(l.probeDuringGrid), stepsAfterGrid: l.probeDuringGrid.stepsAfterGrid }
          : null,
      },
    ]),
  );
}

/** `forward_images_per_s`: per zoo model, the median images/s of each backend that measured it. */
function forwardImages(backends) {
  const out = {};
  for (const model of ZOO) {
    out[model] = {};
    for (const [name, res] of Object.entries(backends)) {
      const v = res?.sections?.forward?.models?.[model];
      if (res?.sections?.forward) out[model][name] = typeof v === 'number' ? v : null;
    }
  }
  return out;
}

/**
 * `backend_choice`: what the app picks here (its Backend badge and notes, the finished grid's
 * line) and the numbers that back it: the landscape per app backend, tiny-cnn's forward
 * images/s and SGD ms per training step per backend.
 */
function backendChoice(landscapes, backends, forward) {
  const auto = landscapes?.auto;
  const cpuS = landscapes?.cpu?.landscape_s;
  const autoS = auto?.landscape_s;
  const sgd = Object.fromEntries(
    Object.entries(backends)
      .filter(([, r]) => r?.sections?.optimizers?.msPerStep?.sgd)
      .map(([n, r]) => [n, r.sections.optimizers.msPerStep.sgd.median]),
  );
  return {
    training: auto?.choice?.badge ?? null,
    adapter: auto?.choice?.details ?? null,
    skipped: auto?.choice?.fallback ?? null,
    evaluation: auto?.choice?.evaluation ?? null,
    landscapeStatus: auto?.gridText ?? null,
    speed: {
      landscape_s: { auto: autoS ?? null, cpu: cpuS ?? null },
      landscape_cpu_over_auto:
        typeof autoS === 'number' && typeof cpuS === 'number'
          ? Number((cpuS / autoS).toFixed(2))
          : null,
      forward_tiny_cnn_images_per_s: forward['tiny-cnn'] ?? {},
      sgd_ms_per_step: sgd,
    },
  };
}

/**
 * The summary of a run. Each headline key of the suite comes from the first backend, in the app's
 * order of preference, that measured it (`keySources` says which): a software GPU may run out of
 * time before every section.
 */
export function assembleReport({ date, durationS, machine, browser, backends, app, landscapes }) {
  const keys = {};
  const keySources = {};
  const order = preferenceOrder(backends);
  for (const key of Object.keys(keysOf(null))) {
    const from = order.find((b) => typeof keysOf(backends[b])[key] === 'number');
    keys[key] = from ? keysOf(backends[from])[key] : null;
    keySources[key] = from ?? null;
  }
  const withSection = (name) =>
    order.filter((b) => backends[b]?.sections?.[name] && !backends[b].sections[name].error);
  const memoryFrom = withSection('memory')[0];
  const forward = forwardImages(backends);
  return {
    date,
    durationS,
    machine,
    browser,
    primaryBackend: order.find((b) => backends[b]?.sections?.optimizers) ?? null,
    ...keys,
    long_tasks_over_50ms: longTasks(app),
    default_landscape_s: landscapeSeconds(landscapes, backends),
    forward_images_per_s: forward,
    probe_latency_ms: probeLatency(landscapes),
    backend_choice: backendChoice(landscapes, backends, forward),
    keySources: {
      ...keySources,
      long_tasks_over_50ms: app?.url ?? null,
      default_landscape_s: landscapes?.auto?.url ?? null,
      probe_latency_ms: landscapes?.auto?.url ?? null,
    },
    steps_per_sec: Object.fromEntries(
      withSection('zoo').map((b) => [b, backends[b].sections.zoo.models]),
    ),
    builder_steps_per_s: builderKey(backends),
    page_load_to_interactive_ms: app?.load?.interactiveMs ?? null,
    // Sharpness tracking's cost per training step (Node, CPU backend), null when not measured.
    sharpness_tracking: backends['node-cpu']?.sections?.tracking ?? null,
    memory_during_training: memoryFrom
      ? { backend: memoryFrom, ...backends[memoryFrom].sections.memory }
      : null,
    keysByBackend: Object.fromEntries(Object.entries(backends).map(([k, v]) => [k, keysOf(v)])),
    app,
    landscapes: landscapes ?? null,
    backends,
  };
}
