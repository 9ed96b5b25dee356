// The generated tables of BENCHMARKS.md, from the report that scripts/bench.mjs assembles.
import {
  APP_KEYS,
  GOALS,
  ZOO,
  adapterText,
  goalMet,
  headline,
  isSoftware,
  keysOf,
} from './bench-report.mjs';
import { builderSection } from './bench-builder.mjs';

const fmt = (v) => (v === null || v === undefined ? '—' : typeof v === 'number' ? String(v) : v);
const row = (cells) => `| ${cells.map(fmt).join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function runSection(r) {
  const m = r.machine;
  const lines = [
    `- Date: ${r.date} (whole run ${Math.round(r.durationS)} s)`,
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.platform}; load average ${m.loadBefore.join(' / ')} before, ${m.loadAfter.join(' / ')} after (1/5/15 min)`,
    `- Node ${m.node}; browser ${r.browser ?? 'not run'}`,
  ];
  for (const [name, res] of Object.entries(r.backends)) {
    const adapter = adapterText(res.env);
    const soft = isSoftware(adapter)
      ? ' — **software (SwiftShader): CPU emulation of a GPU, not GPU performance**'
      : '';
    const status = res.unavailable
      ? `unavailable (${res.unavailable})`
      : res.error
        ? `${res.sections ? 'stopped early' : 'failed'} (${res.error})`
        : `profile \`${res.profile?.name}\``;
    const w = res.env?.wasm;
    const wasm = w
      ? `; XNNPACK${w.simd ? ', SIMD' : ''}, ${w.threads} thread${w.threads === 1 ? '' : 's'}`
      : '';
    lines.push(`- ${name}: ${status}${adapter ? `; adapter: ${adapter}` : ''}${soft}${wasm}`);
  }
  lines.push(
    `- Headline keys of the suite come from the first backend, in the app's own order of preference (webgpu → webgl → cpu, a GPU backend on a software adapter last since the app skips it, then Node), that measured them (column "from"); here that is **${r.primaryBackend ?? 'none (no suite backend ran)'}**. The real app's keys come from the app (its own backend choice unless the table says otherwise).`,
  );
  return lines.join('\n');
}

/** Where a real-app key's goal value comes from, for the goals table. */
const APP_FROM = {
  long_tasks_over_50ms: (r) => {
    const l = r.long_tasks_over_50ms;
    if (!l) return 'the real app';
    const after =
      l.afterTraining == null ? '' : ` (and ${l.afterTraining} in the 3 s after training)`;
    return `the real app: training ${l.training} + dragging ${l.dragging}${after}`;
  },
  default_landscape_s: () => "the real app, its own choice (see 'The default landscape')",
  probe_latency_ms: () => 'the real app, its own choice: worse p95 of idle and during a grid',
};

function goalsSection(r) {
  const names = Object.keys(r.backends).filter((n) => r.backends[n]?.sections?.optimizers);
  const head = ['key', 'goal', 'value', 'from', 'met', ...names];
  const rows = Object.entries(GOALS).map(([key, [op, limit]]) => {
    const v = headline(r, key);
    const met = goalMet(key, v);
    const app = APP_KEYS.includes(key);
    const per = names.map((n) => (app ? '' : keysOf(r.backends[n])[key]));
    const from = app ? APP_FROM[key](r) : (r.keySources?.[key] ?? '—');
    const verdict = met === null ? 'not measured' : met ? 'yes' : '**no**';
    return [key, `${op === '<=' ? '≤' : '≥'} ${limit}`, v, from, verdict, ...per];
  });
  return table(head, rows);
}

/** "p50 / p95 / max (steps)"; "≥ …" where a step went unanswered (its latency is a lower bound). */
const latency = (p) => {
  if (!p) return '—';
  const ge = p.lowerBound ? '≥ ' : '';
  const open = p.unanswered ? `, ${p.unanswered} unanswered after 120 s` : '';
  return `${ge}${p.p50} / ${ge}${p.p95} / ${ge}${p.max} (${p.n}${open})`;
};

/** `default_landscape_s` and `probe_latency_ms` per app backend, skipped ones with the reason. */
function landscapeSection(r) {
  const seconds = r.default_landscape_s ?? {};
  const rows = Object.entries(seconds).map(([name, v]) => {
    const l = r.landscapes?.[name];
    const p = r.probe_latency_ms?.[name];
    const what = name === 'auto' ? 'automatic choice' : `\`?backend=${name}\``;
    if (typeof v !== 'number' && v?.skipped) return [what, '—', `not measured: ${v.skipped}`];
    const during = p?.duringGrid
      ? `${latency(p.duringGrid)}${p.duringGrid.stepsAfterGrid ? ` (+${p.duringGrid.stepsAfterGrid} steps after the grid ended)` : ''}`
      : '—';
    return [
      what,
      l?.choice?.badge,
      typeof v === 'number' ? v : `not measured: ${v?.error}`,
      l?.slice_s,
      l?.gridText || '—',
      latency(p?.idle),
      during,
    ];
  });
  const intro = `Default settings (tiny CNN, 51-point slice, 21×21 grid, 1,000 + 1,000 evaluation samples) after a short training (\`${r.landscapes?.auto?.url ?? r.landscapes?.cpu?.url ?? 'not run'}\`): seconds from "Training finished" until the Landscape progress bar says "… evaluations in …"; one "Perturbation t" step (ArrowRight) until the readout "Loss at perturbed weights" shows the new value, p50 / p95 / max in ms (steps), idle after the landscape and while a grid of the same default job computes.`;
  return `${intro}\n\n${table(
    [
      'app backend',
      'training on',
      'default_landscape_s',
      'slice s',
      'finished grid says',
      'probe idle ms',
      'probe during a grid ms',
    ],
    rows,
  )}`;
}

/** `forward_images_per_s`: models × backends, with spread where there is one. */
function forwardSection(r) {
  const names = Object.keys(r.backends).filter((n) => r.backends[n]?.sections?.forward);
  if (!names.length) return 'Not measured.';
  const cell = (name, model) => {
    const f = r.backends[name].sections.forward;
    if (f.error) return `failed: ${f.error}`;
    if (f.skipped?.includes(model)) return 'not reached in budget';
    return spread(f.spread?.[model] ?? f.models?.[model]);
  };
  const rows = ZOO.map((model) => [model, ...names.map((n) => cell(n, model))]);
  const chunk = r.backends[names[0]].sections.forward.chunk;
  return `Eval-mode forward passes (loss and accuracy, one readback) of ${chunk}-image chunks, the landscape's evaluation chunk, after a warm-up; images/s, median [IQR] (rounds).\n\n${table(['model', ...names], rows)}`;
}

/** `backend_choice`: the app's pick here, its reasons in its own words, and the numbers. */
function choiceSection(r) {
  const c = r.backend_choice;
  if (!c?.training)
    return 'Not measured (the landscape probe of the automatic choice did not run).';
  const s = c.speed ?? {};
  const fwd = Object.entries(s.forward_tiny_cnn_images_per_s ?? {})
    .filter(([, v]) => typeof v === 'number')
    .map(([n, v]) => `${n} ${v}`)
    .join(', ');
  const sgd = Object.entries(s.sgd_ms_per_step ?? {})
    .map(([n, v]) => `${n} ${v}`)
    .join(', ');
  return [
    `- Trains on **${c.training}**${c.adapter ? ` (${c.adapter})` : ''}; the Backend badge's notes: "${c.skipped ?? 'none'}"; "${c.evaluation ?? 'none'}".`,
    `- The finished grid says: "${c.landscapeStatus ?? '—'}".`,
    `- Default landscape: ${fmt(s.landscape_s?.auto)} s on the app's choice vs ${fmt(s.landscape_s?.cpu)} s with \`?backend=cpu\`${s.landscape_cpu_over_auto ? ` (${s.landscape_cpu_over_auto}× faster)` : ''}.`,
    `- tiny-cnn forward images/s (chunk of 500): ${fwd || '—'}.`,
    `- tiny-cnn SGD ms per training step (the optimizer section's batch per backend, see its table): ${sgd || '—'}.`,
  ].join('\n');
}

/** A summary as "median [q1–q3] (n)", a bare number as is. */
const spread = (v) =>
  v && typeof v === 'object' ? `${fmt(v.median)} [${fmt(v.q1)}–${fmt(v.q3)}] (${v.n})` : fmt(v);

function spreadSection(r) {
  const rows = [];
  for (const [name, res] of Object.entries(r.backends)) {
    const s = res.sections ?? {};
    const ratios = { ...(s.optimizers?.ratios ?? {}), ...(s.grid?.ratios ?? {}) };
    if (s.fit?.ratio) ratios.fit_ratio = s.fit.ratio;
    for (const [key, v] of Object.entries(ratios))
      rows.push([name, key, v.median, `${v.q1}–${v.q3}`, `${v.min}–${v.max}`, v.n]);
  }
  return table(['backend', 'key', 'median', 'IQR', 'min–max', 'rounds'], rows);
}

function detailSection(r) {
  const rows = Object.entries(r.backends)
    .filter(([, res]) => res.sections)
    .map(([name, res]) => {
      const o = res.sections.optimizers ?? {};
      const f = res.sections.fit ?? {};
      const ms = o.msPerStep ?? {};
      return [
        name,
        o.batch ? `${o.batch} (${o.stepsPerBlock} steps/block)` : '—',
        ...['sgd', 'sam', 'swa', 'wasam'].map((k) => spread(ms[k])),
        `${spread(f.flatlandSamplesPerSec)} / ${spread(f.layersFitSamplesPerSec)}`,
      ];
    });
  return table(
    ['backend', 'batch', 'ms/step sgd', 'sam', 'swa', 'wasam', 'samples/s Flatland / fit'],
    rows,
  );
}

function gridSection(r) {
  const rows = Object.entries(r.backends)
    .filter(([, res]) => res.sections?.grid?.rowMs)
    .map(([name, res]) => {
      const g = res.sections.grid;
      return [
        name,
        `${g.cols} × ${g.samples}`,
        ...['batched', 'perPoint', 'pointByPoint', 'forward'].map((k) => spread(g.rowMs[k])),
        g.productionPath,
        g.batchedMaxAbsDiff,
      ];
    });
  return table(
    [
      'backend',
      'row points × samples',
      'row ms batched',
      'per-point',
      'point-by-point',
      'forward',
      'grid path',
      'batched vs per-point max abs diff',
    ],
    rows,
  );
}

function zooSection(r) {
  const rows = [];
  for (const [name, res] of Object.entries(r.backends)) {
    const zoo = res.sections?.zoo;
    if (!zoo || zoo.error) continue;
    for (const [model, perBatch] of Object.entries(zoo.models ?? {})) {
      rows.push([
        name,
        model,
        spread(zoo.spread?.[`${model}@64`] ?? perBatch['64']),
        spread(zoo.spread?.[`${model}@128`] ?? perBatch['128']),
      ]);
    }
    if (zoo.skipped?.length) rows.push([name, `not reached in budget: ${zoo.skipped.join(', ')}`]);
  }
  return table(['backend', 'model', 'steps/s @64', 'steps/s @128'], rows);
}

function memorySection(r) {
  const m = r.memory_during_training;
  if (!m) return 'Not measured.';
  const rows = m.series.map((s) => [s.step, s.numTensors, s.numBytes, s.numBytesInGPU]);
  const intro = `${m.optimizer} on ${m.model}, batch ${m.batch}, on ${m.backend}; tensors before the run ${m.tensorsBefore} (its 2-tensor data set included), after disposing run and data ${m.tensorsAfter}.`;
  return `${intro}\n\n${table(['step', 'numTensors', 'numBytes', 'numBytesInGPU'], rows)}`;
}

function trackingSection(r) {
  const t = r.sharpness_tracking;
  if (!t || t.error) return t?.error ? `Not measured: ${t.error}` : 'Not measured.';
  const ms = (x) => `${x.median} [${x.q1}–${x.q3}] (${x.n})`;
  const intro = `The worker's loop on the default run (${t.model}, ${t.subset} images, batch ${t.batch}, ${t.steps} steps), Node CPU backend: λ_max every ${t.every} steps (${t.measurements} measurements, ${t.samples} samples, at most ${t.maxIter} products each) against tracking off.`;
  const rows = [
    ['off (k = 0)', ms(t.msPerStepOff)],
    [`k = ${t.every}`, ms(t.msPerStepTracked)],
    ['overhead per step', ms(t.overheadMsPerStep)],
    ['tracked / off', t.trackedOverOff],
  ];
  return `${intro}\n\n${table(['', 'ms per step, median [IQR] (rounds)'], rows)}`;
}

function appSection(r) {
  const a = r.app;
  if (!a) return 'Not run.';
  if (a.error) return `Not measured: ${a.error}`;
  const t = (p) =>
    p?.error
      ? `not measured: ${p.error}`
      : p
        ? `${p.count} long tasks (max ${p.maxMs} ms, total ${p.totalMs} ms) in ${p.windowMs} ms`
        : '—';
  return [
    `- URL: \`${a.url}\``,
    `- Load: ${a.load?.error ? `not measured: ${a.load.error}` : `interactive (Train enabled, backend "${a.load?.backend}") after ${a.load?.interactiveMs} ms; DOMContentLoaded ${Math.round(a.load?.domContentLoadedMs ?? 0)} ms`}`,
    `- Training: ${t(a.training)}`,
    `- The ${Math.round((a.training?.afterTraining?.windowMs ?? 0) / 1000)} s after training (figures taking over from their live canvases): ${t(a.training?.afterTraining)}`,
    `- Slider drag: ${t(a.slider)}`,
  ].join('\n');
}

function sizesSection(r) {
  return Object.entries(r.backends)
    .filter(([, res]) => res.profile)
    .map(([name, res]) => `- ${name}: \`${JSON.stringify(res.profile)}\``)
    .join('\n');
}

export function renderMarkdown(r) {
  return [
    '## Latest run (generated by `npm run bench`)',
    runSection(r),
    '### Goals',
    goalsSection(r),
    'Each value is the median of per-round paired ratios (interleaved rounds, after a warm-up round); spread per key and backend:',
    spreadSection(r),
    '### The default landscape and the slider in the real app',
    landscapeSection(r),
    '### Backend choice',
    choiceSection(r),
    '### Forward passes per model and backend (`forward_images_per_s`)',
    forwardSection(r),
    '### Training step times (median [IQR] (rounds))',
    detailSection(r),
    '### Grid rows (median [IQR] (rows))',
    gridSection(r),
    '### Training steps per second (SGD, Flatland loop; median [IQR] (rounds))',
    zooSection(r),
    '### The Model builder: the largest model at interactive speed (`builder_steps_per_s`)',
    builderSection(r, table, spread),
    '### Memory during training',
    memorySection(r),
    '### Sharpness tracking',
    trackingSection(r),
    '### The real app',
    appSection(r),
    '### Sizes',
    sizesSection(r),
  ].join('\n\n');
}
