// `builder_steps_per_s` in the bench report and BENCHMARKS.md: the Model builder's residual
// ladder (bench/suite/builder-bench.ts) per backend, and the largest model each trains at
// interactive speed.

/** Per backend that measured it: the ladder's steps/s, the largest interactive rung, what was skipped. */
export function builderKey(backends) {
  const out = {};
  for (const [name, res] of Object.entries(backends)) {
    const b = res.sections?.builder;
    if (!b || b.error) continue;
    out[name] = {
      batch: b.batch,
      interactiveStepsPerS: b.interactiveStepsPerS,
      largestInteractive: b.largestInteractive,
      stepsPerS: Object.fromEntries(
        Object.entries(b.models).map(([m, v]) => [
          m,
          { params: v.params, median: v.stepsPerS.median },
        ]),
      ),
      ...(b.skipped ? { skipped: b.skipped } : {}),
    };
  }
  return out;
}

/** The markdown table: one row per backend and rung. */
export function builderSection(r, table, spread) {
  const rows = [];
  for (const [name, res] of Object.entries(r.backends)) {
    const b = res.sections?.builder;
    if (!b || b.error) continue;
    for (const [model, v] of Object.entries(b.models ?? {}))
      rows.push([
        name,
        model,
        v.params,
        spread(v.stepsPerS),
        model === b.largestInteractive ? 'largest interactive' : '',
      ]);
    if (!b.largestInteractive)
      rows.push([name, 'no rung reached the interactive rate', '', '', '']);
    if (b.skipped?.length) rows.push([name, `not timed: ${b.skipped.join(', ')}`, '', '', '']);
  }
  if (rows.length === 0) return 'Not measured.';
  const intro =
    'Interactive: at least 2 steps/s at batch 32 (an epoch of the default run, 63 steps, in about 30 s). A rung slower than that ends the ladder on its backend.';
  return `${intro}\n\n${table(['backend', 'model', 'parameters', 'steps/s', ''], rows)}`;
}
