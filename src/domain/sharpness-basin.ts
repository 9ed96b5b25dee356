/**
 * Basin width of a 1D slice (flatness as the width of the low-loss valley, Hochreiter &
 * Schmidhuber 1997; Keskar et al. 2017; Izmailov et al. 2018's "width of the SWA/SGD basins"):
 * the length of the connected t-interval around the slice's minimum (or around t = 0) where
 * loss ≤ threshold, with the two crossings located by linear interpolation between samples.
 * Pure number crunching on the arrays of a `slice1d` result: no tensors.
 */

/**
 * The loss level that bounds the basin:
 * - `absolute`: loss ≤ value;
 * - `relative`: loss ≤ L(w)·(1 + value) (value = τ, e.g. 0.1 for "within 10% of L(w)");
 * - `additive`: loss ≤ L(w) + value (value = δ).
 * L(w) is the slice's loss at t = 0 (interpolated if 0 is not a sample) unless given.
 */
export interface BasinThreshold {
  kind: 'absolute' | 'relative' | 'additive';
  value: number;
}

export interface BasinOptions {
  /**
   * Where the interval grows from: `minimum` (default), the lowest sample of the slice (ties:
   * the one nearest t = 0); `origin`, the sample nearest t = 0 (the weights w themselves).
   */
  center?: 'minimum' | 'origin';
  /** L(w) for relative/additive thresholds (default: the slice's loss at t = 0). */
  baseLoss?: number;
}

export interface BasinWidthResult {
  /** The absolute loss threshold used. */
  threshold: number;
  /** L(w) the threshold was derived from (NaN for absolute thresholds when 0 is off the range). */
  baseLoss: number;
  /** t of the sample the interval grows from. */
  center: number;
  /** t where the loss crosses the threshold left of the centre (or the range's start). */
  left: number;
  /** t where the loss crosses the threshold right of the centre (or the range's end). */
  right: number;
  /** right − left (0 when `empty`). A lower bound when `lowerBound`. */
  width: number;
  /** The loss never exceeded the threshold left of the centre: `left` is t[0], not a crossing. */
  leftOpen: boolean;
  /** The same on the right: `right` is the last t. */
  rightOpen: boolean;
  /** leftOpen || rightOpen: the basin extends past the plotted range, `width` underestimates it. */
  lowerBound: boolean;
  /** The centre itself is above the threshold: no basin at this level (width 0). */
  empty: boolean;
}

/** Loss at t = 0 by linear interpolation between the samples around it (NaN if off range). */
function lossAtZero(t: number[], loss: number[]): number {
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 0) return loss[i]!;
    if (i > 0 && t[i - 1]! < 0 && t[i]! > 0) {
      const f = -t[i - 1]! / (t[i]! - t[i - 1]!);
      return loss[i - 1]! + f * (loss[i]! - loss[i - 1]!);
    }
  }
  return NaN;
}

/** Index of the sample nearest t = 0. */
function nearestZero(t: number[]): number {
  let best = 0;
  t.forEach((v, i) => {
    if (Math.abs(v) < Math.abs(t[best]!)) best = i;
  });
  return best;
}

/** Index of the lowest finite loss; ties go to the sample nearest t = 0. */
function argMin(t: number[], loss: number[]): number {
  let best = -1;
  loss.forEach((l, i) => {
    if (!Number.isFinite(l)) return;
    const b = best < 0 ? Infinity : loss[best]!;
    if (l < b || (l === b && Math.abs(t[i]!) < Math.abs(t[best]!))) best = i;
  });
  return best < 0 ? nearestZero(t) : best;
}

/**
 * Walks from the centre in direction `step` (±1) until the loss exceeds `thr`, and returns the
 * interpolated crossing, or the range's end with `open` when it never does. A non-finite loss
 * (a diverged point) counts as above the threshold, the crossing then at the last finite sample.
 */
function crossing(
  t: number[],
  loss: number[],
  c: number,
  step: 1 | -1,
  thr: number,
): { at: number; open: boolean } {
  for (let j = c + step; j >= 0 && j < t.length; j += step) {
    const l = loss[j]!;
    if (l <= thr) continue;
    const i = j - step; // the last sample inside
    if (!Number.isFinite(l)) return { at: t[i]!, open: false };
    const f = (thr - loss[i]!) / (l - loss[i]!);
    return { at: t[i]! + f * (t[j]! - t[i]!), open: false };
  }
  return { at: t[step > 0 ? t.length - 1 : 0]!, open: true };
}

/** The absolute threshold and the L(w) it was derived from. */
function resolveThreshold(
  t: number[],
  loss: number[],
  thr: BasinThreshold,
  opts: BasinOptions,
): { threshold: number; baseLoss: number } {
  const baseLoss = opts.baseLoss ?? lossAtZero(t, loss);
  if (thr.kind === 'absolute') return { threshold: thr.value, baseLoss };
  if (!Number.isFinite(baseLoss)) {
    throw new Error('basinWidth: t = 0 is outside the slice; pass baseLoss for this threshold');
  }
  const threshold = thr.kind === 'relative' ? baseLoss * (1 + thr.value) : baseLoss + thr.value;
  return { threshold, baseLoss };
}

/**
 * Width of the basin of a 1D slice at a loss threshold (see the module comment).
 *
 * @param t - slice coordinates, strictly increasing (e.g. `SliceResult.t`, 51 points on [−1, 1]).
 * @param loss - loss at each t (e.g. `SliceResult.trainLoss`), same length.
 * @returns crossings, width and whether the width is only a lower bound (plain numbers).
 */
export function basinWidth(
  t: number[],
  loss: number[],
  threshold: BasinThreshold,
  opts: BasinOptions = {},
): BasinWidthResult {
  if (t.length !== loss.length || t.length < 2) {
    throw new Error(
      `basinWidth: need ≥ 2 points and equal lengths (t ${t.length}, loss ${loss.length})`,
    );
  }
  for (let i = 1; i < t.length; i++) {
    if (!(t[i]! > t[i - 1]!)) throw new Error('basinWidth: t must be strictly increasing');
  }
  const thr = resolveThreshold(t, loss, threshold, opts);
  const c = opts.center === 'origin' ? nearestZero(t) : argMin(t, loss);
  const base = { ...thr, center: t[c]! };
  if (!(loss[c]! <= thr.threshold)) {
    const none = { left: t[c]!, right: t[c]!, width: 0, leftOpen: false, rightOpen: false };
    return { ...base, ...none, lowerBound: false, empty: true };
  }
  const l = crossing(t, loss, c, -1, thr.threshold);
  const r = crossing(t, loss, c, 1, thr.threshold);
  return {
    ...base,
    left: l.at,
    right: r.at,
    width: r.at - l.at,
    leftOpen: l.open,
    rightOpen: r.open,
    lowerBound: l.open || r.open,
    empty: false,
  };
}
