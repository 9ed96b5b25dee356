/**
 * The 2D sliders move in integer steps j ∈ [−K, K] along each grid axis, so that 0 (the trained
 * weights) and every grid point are exact slider positions and dragging is about as fine as
 * TARGET_STEPS positions across the axis.
 */
const TARGET_STEPS = 100;

export interface ProbeAxis {
  /** Centre and half-width of the grid axis (the grid is symmetric: centre 0). */
  centre: number;
  half: number;
  /** Steps on each side of the centre. */
  k: number;
}

/** Steps per side for a grid axis of `points` points: whole steps per grid interval. */
export function stepsPerSide(points: number): number {
  const intervals = Math.max(points - 1, 1);
  let perInterval = Math.max(1, Math.round(TARGET_STEPS / intervals));
  // An odd total would put the centre between two steps.
  if ((intervals * perInterval) % 2 === 1) perInterval += 1;
  return (intervals * perInterval) / 2;
}

export function probeAxis(values: number[]): ProbeAxis {
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  return { centre: (first + last) / 2, half: (last - first) / 2, k: stepsPerSide(values.length) };
}

/** The coordinate of step j; exactly the centre at j = 0 and exactly the ends at ±K. */
export function coordAt(axis: ProbeAxis, j: number): number {
  return j === 0 ? axis.centre : axis.centre + (j / axis.k) * axis.half;
}

/** The step nearest to coordinate x, clamped to the axis. */
export function stepAt(axis: ProbeAxis, x: number): number {
  if (!(axis.half > 0)) return 0;
  const j = Math.round(((x - axis.centre) / axis.half) * axis.k);
  return Math.min(axis.k, Math.max(-axis.k, j));
}

/** x moved onto the nearest slider position (used for clicks and for a grid of another range). */
export function snap(axis: ProbeAxis, x: number): number {
  return coordAt(axis, stepAt(axis, x));
}
