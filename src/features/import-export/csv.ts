/** CSV of what the plots show: curves, the 1D slice, the 2D grid and θ(α). Pure, unit-tested. */
import type { MetricsHistory } from '../../app/metrics-bus';
import type { GridResult, InterpolationResult, SliceResult } from '../../domain/api';

// Full precision: String() writes the shortest text that reads back as the same double.
const cell = (v: number | string | undefined) => {
  if (v === undefined) return '';
  if (typeof v === 'number' || !/[",\n\r]/.test(v)) return String(v);
  return `"${v.replaceAll('"', '""')}"`;
};

/** Every row gets the header's number of cells (missing ones empty). */
const lines = (header: string[], rows: (number | string | undefined)[][]) =>
  [
    header.join(','),
    ...rows.map((r) => Array.from({ length: header.length }, (_, i) => cell(r[i])).join(',')),
  ].join('\n') + '\n';

const METRICS = ['train_loss', 'test_loss', 'train_acc', 'test_acc'];

/** One row per step (loss, lr) and per epoch (train/test metrics, averaged ones) of each run. */
export function curvesCsv(history: MetricsHistory): string {
  const rows: (number | string | undefined)[][] = [];
  for (const s of history.series) {
    for (const e of history.events[s.key] ?? []) {
      if (e.kind === 'step') rows.push([s.name, 'step', e.step, e.epoch, e.loss, e.lr]);
      if (e.kind === 'epoch') {
        const m = [e.trainLoss, e.testLoss, e.trainAcc, e.testAcc];
        rows.push([s.name, 'epoch', e.step, e.epoch, undefined, undefined, ...m]);
        const a = e.averaged;
        if (a)
          rows.push([
            s.name,
            'averaged',
            e.step,
            e.epoch,
            undefined,
            undefined,
            a.trainLoss,
            a.testLoss,
            a.trainAcc,
            a.testAcc,
          ]);
      }
    }
  }
  return lines(['run', 'kind', 'step', 'epoch', 'loss', 'lr', ...METRICS], rows);
}

export function sliceCsv(s: SliceResult): string {
  return lines(
    ['t', ...METRICS],
    s.t.map((t, i) => [t, s.trainLoss[i], s.testLoss[i], s.trainAcc[i], s.testAcc[i]]),
  );
}

/** Long format, one row per grid point: b (rows) outer, a (columns) inner. */
export function gridCsv(g: GridResult): string {
  const rows = g.b.flatMap((b, i) =>
    g.a.map((a, j) => [
      a,
      b,
      g.trainLoss[i]?.[j],
      g.testLoss[i]?.[j],
      g.trainAcc[i]?.[j],
      g.testAcc[i]?.[j],
    ]),
  );
  return lines(['a', 'b', ...METRICS], rows);
}

export function interpolationCsv(r: InterpolationResult): string {
  return lines(
    ['alpha', ...METRICS],
    r.alpha.map((x, i) => [x, r.trainLoss[i], r.testLoss[i], r.trainAcc[i], r.testAcc[i]]),
  );
}
