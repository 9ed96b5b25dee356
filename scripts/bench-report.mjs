// Turns the raw results of `npm run bench` into bench/results/latest.json (+ a dated copy) and
// the generated part of BENCHMARKS.md (between the bench:start/bench:end markers; the prose
// around them is kept).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as prettier from 'prettier';

/** Goal of each headline key: the comparison and the threshold. */
export const GOALS = {
  sam_over_sgd: ['<=', 2.05],
  swa_over_sgd: ['<=', 1.05],
  wasam_over_sam: ['<=', 1.05],
  fit_ratio: ['>=', 1.0],
  grid_over_forward: ['<=', 1.2],
  batched_grid_speedup: ['>=', 2],
  long_tasks_over_50ms: ['<=', 0],
};

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

/** Backends in the app's order of preference, then Node. */
export const BACKEND_ORDER = ['webgpu', 'webgl', 'cpu', 'node-cpu'];

/**
 * The summary of a run. Each headline key comes from the first backend, in the app's order of
 * preference, that measured it (`keySources` says which): a software GPU may run out of time
 * before every section.
 */
export function assembleReport({ date, durationS, machine, browser, backends, app }) {
  const keys = {};
  const keySources = {};
  for (const key of Object.keys(keysOf(null))) {
    const from = BACKEND_ORDER.find((b) => typeof keysOf(backends[b])[key] === 'number');
    keys[key] = from ? keysOf(backends[from])[key] : null;
    keySources[key] = from ?? null;
  }
  const withSection = (name) =>
    BACKEND_ORDER.filter((b) => backends[b]?.sections?.[name] && !backends[b].sections[name].error);
  const memoryFrom = withSection('memory')[0];
  return {
    date,
    durationS,
    machine,
    browser,
    primaryBackend: BACKEND_ORDER.find((b) => backends[b]?.sections) ?? null,
    ...keys,
    long_tasks_over_50ms: app?.long_tasks_over_50ms ?? null,
    keySources: { ...keySources, long_tasks_over_50ms: app?.url ?? null },
    steps_per_sec: Object.fromEntries(
      withSection('zoo').map((b) => [b, backends[b].sections.zoo.models]),
    ),
    page_load_to_interactive_ms: app?.load?.interactiveMs ?? null,
    // Sharpness tracking's cost per training step (Node, CPU backend), null when not measured.
    sharpness_tracking: backends['node-cpu']?.sections?.tracking ?? null,
    memory_during_training: memoryFrom
      ? { backend: memoryFrom, ...backends[memoryFrom].sections.memory }
      : null,
    keysByBackend: Object.fromEntries(Object.entries(backends).map(([k, v]) => [k, keysOf(v)])),
    app,
    backends,
  };
}
