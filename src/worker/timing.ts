/**
 * Timing a repeated piece of work on the active backend, after an untimed warm-up: shared by the
 * evaluation backend's calibration (forward passes, wasm vs cpu) and the training backend's
 * (optimizer steps, webgpu vs webgl vs cpu).
 */

/** How long to time: at least `minReps`, at most `maxReps`, and no more once `budgetMs` is spent. */
export interface TimingBudget {
  minReps: number;
  maxReps: number;
  budgetMs: number;
  /**
   * Gives up after the warm-up when it alone took longer than this (no timed repetition): a
   * backend whose first step is that slow cannot win, and timing it would blow the budget.
   */
  giveUpMs?: number;
}

/** What was timed: `reps` repetitions in `ms` (warm-up excluded); `cut` when given up. */
export interface Timing {
  reps: number;
  ms: number;
  warmupMs: number;
  cut: boolean;
}

/**
 * Runs `rep` once to warm up (kernels compile, buffers are allocated), then times repetitions
 * until the budget says stop. `settle` waits for the work to finish: GPU backends only enqueue
 * work, so the clock keeps running until a chunk's last result is read back (as a training loop
 * reads its losses back once per chunk, not once per step).
 */
export async function timeRepeated(
  rep: () => void | Promise<void>,
  settle: () => Promise<void>,
  budget: TimingBudget,
  clock: () => number = () => performance.now(),
): Promise<Timing> {
  const w0 = clock();
  await rep();
  await settle();
  const warmupMs = clock() - w0;
  if (budget.giveUpMs !== undefined && warmupMs > budget.giveUpMs) {
    return { reps: 0, ms: 0, warmupMs, cut: true };
  }
  const t0 = clock();
  let reps = 0;
  // Chunks of 1, 2, 4, … repetitions, each settled: a GPU enqueues work faster than it runs it,
  // so only a settled clock can tell when the budget is spent, and doubling chunks keep the
  // readbacks few once the steps turn out to be fast.
  for (let chunk = 1; reps < budget.maxReps; chunk *= 2) {
    const n = Math.min(chunk, budget.maxReps - reps);
    for (let i = 0; i < n; i++) await rep();
    reps += n;
    await settle();
    if (reps >= budget.minReps && clock() - t0 >= budget.budgetMs) break;
  }
  return { reps, ms: clock() - t0, warmupMs, cut: false };
}

/** Repetitions per second of a timing; a zero duration counts as 1 µs, never as infinitely fast. */
export const perSecond = (t: Pick<Timing, 'reps' | 'ms'>, units = 1): number =>
  (units * t.reps) / Math.max(1e-3, t.ms / 1000);
