/**
 * Remaining time from the average step time so far. Null until one step has completed, because
 * the first steps include shader compilation and any guess before that is meaningless.
 */
export function estimateRemainingMs(
  step: number,
  totalSteps: number,
  elapsedMs: number,
): number | null {
  if (step <= 0 || totalSteps <= 0 || !(elapsedMs >= 0)) return null;
  const remaining = Math.max(0, totalSteps - step);
  return (elapsedMs / step) * remaining;
}

/** Throughput so far; null before the first step or when no time has been measured. */
export function stepsPerSecond(step: number, elapsedMs: number): number | null {
  if (step <= 0 || !(elapsedMs > 0)) return null;
  return (step * 1000) / elapsedMs;
}
