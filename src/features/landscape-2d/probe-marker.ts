/**
 * The marker of the perturbed weights w + a·d₁ + b·d₂ on the 2D figure. It is the figure's last
 * trace, so dragging a slider restyles that one trace instead of rebuilding the figure.
 */
import type { Data } from 'plotly.js';
import { COLORS } from '../../components/plot/theme';
import type { GridResult, PlaneValue } from '../../domain/api';
import { landscapeZ } from '../../components/plot/grid-z';
import type { LandscapeOptions, LandscapeView } from './landscape-figure';

export const MARKER_NAME = 'Perturbed weights';

export interface MarkerPosition {
  a: number;
  b: number;
}

/** Index i with xs[i] ≤ x ≤ xs[i+1] (clamped to the ends) and the weight of xs[i+1]. */
function bracket(xs: number[], x: number): { i: number; w: number } {
  const n = xs.length;
  if (n < 2) return { i: 0, w: 0 };
  let i = 0;
  while (i < n - 2 && x > xs[i + 1]!) i++;
  const x0 = xs[i]!;
  const x1 = xs[i + 1]!;
  const w = x1 === x0 ? 0 : (x - x0) / (x1 - x0);
  return { i, w: Math.min(1, Math.max(0, w)) };
}

/** Bilinear interpolation of z (rows b, columns a) at (a, b): the drawn surface's own height. */
export function interpolateZ(z: number[][], as: number[], bs: number[], a: number, b: number) {
  const { i, w: wa } = bracket(as, a);
  const { i: j, w: wb } = bracket(bs, b);
  const at = (r: number, c: number) => z[Math.min(r, z.length - 1)]?.[c] ?? NaN;
  const c1 = Math.min(i + 1, as.length - 1);
  const r1 = Math.min(j + 1, bs.length - 1);
  const low = (1 - wa) * at(j, i) + wa * at(j, c1);
  const high = (1 - wa) * at(r1, i) + wa * at(r1, c1);
  return (1 - wb) * low + wb * high;
}

const same = (x: number, y: number) => Math.abs(x - y) <= 1e-9;

/**
 * Height of the 3D marker: the evaluated loss once it is known for this position (with the
 * figure's split and log scale), else the surface's interpolated height until it arrives.
 */
export function markerZ(
  grid: GridResult,
  options: LandscapeOptions,
  pos: MarkerPosition,
  value: PlaneValue | null,
): number {
  if (value && same(value.a, pos.a) && same(value.b, pos.b)) {
    const loss = options.split === 'train' ? value.trainLoss : value.testLoss;
    return (
      landscapeZ(
        { ...grid, trainLoss: [[loss]], testLoss: [[loss]] },
        options.split,
        options.log,
      )[0]![0] ?? NaN
    );
  }
  // Clipped-out (non-finite) points are null in the drawn surface; NaN keeps the arithmetic honest.
  const z = landscapeZ(grid, options.split, options.log).map((r) => r.map((v) => v ?? NaN));
  return interpolateZ(z, grid.a, grid.b, pos.a, pos.b);
}

/** The marker trace for the figure's view; `z` is used by the 3D surface only. */
export function markerTrace(view: LandscapeView, pos: MarkerPosition, z: number): Data {
  const common = {
    mode: 'markers' as const,
    name: MARKER_NAME,
    x: [pos.a],
    y: [pos.b],
    hoverinfo: 'skip' as const,
    showlegend: false,
  };
  if (view === 'surface') {
    return {
      ...common,
      type: 'scatter3d',
      z: [z],
      marker: { color: COLORS.test, size: 6, line: { color: '#fff', width: 2 } },
    } as Data;
  }
  return {
    ...common,
    type: 'scatter',
    marker: { color: COLORS.test, size: 13, line: { color: '#fff', width: 2.5 } },
  };
}

/** The restyle payload that moves the marker trace (arrays of one array per restyled trace). */
export function markerUpdate(view: LandscapeView, pos: MarkerPosition, z: number) {
  const xy = { x: [[pos.a]], y: [[pos.b]] };
  return view === 'surface' ? { ...xy, z: [[z]] } : xy;
}
