/**
 * Loss values far above the rest (a diverged or far-perturbed point) flatten every other value
 * into one colour or a flat line, and Plotly draws nothing sensible for NaN or Infinity. Such
 * values are drawn at a cap instead, and the plot says so.
 */

/** Values above this multiple of the upper quartile of the finite ones are clipped (a quartile, so
 * that even one outlier in a 3×3 grid is caught). */
export const CLIP_FACTOR = 10;

export interface ClipInfo {
  /** The largest value drawn as is; null when nothing needs clipping. */
  cap: number | null;
  clipped: number;
  nonFinite: number;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Where to clip `values` (losses: non-negative), and how many values that touches. */
export function clipInfo(values: readonly number[]): ClipInfo {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  const nonFinite = values.length - finite.length;
  if (finite.length === 0) return { cap: null, clipped: 0, nonFinite };
  const cap = Math.max(CLIP_FACTOR * quantile(finite, 0.75), Number.MIN_VALUE);
  const clipped = finite.filter((v) => v > cap).length;
  return clipped + nonFinite > 0 ? { cap, clipped, nonFinite } : { cap: null, clipped, nonFinite };
}

/** `v` as drawn: at most the cap, and the cap for NaN/Infinity (null when there is no cap). */
export function clipValue(v: number, cap: number | null): number | null {
  if (cap === null) return Number.isFinite(v) ? v : null;
  return Number.isFinite(v) ? Math.min(v, cap) : cap;
}

/** The note under a clipped plot, or null when nothing was clipped. */
export function clipNote(info: ClipInfo): string | null {
  if (info.cap === null) {
    return info.nonFinite > 0 ? `${info.nonFinite} values are not finite and not drawn.` : null;
  }
  const bad = info.nonFinite > 0 ? ` (${info.nonFinite} not finite)` : '';
  return `Values above ${info.cap.toPrecision(3)} clipped${bad}: they are drawn at that level.`;
}
