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
 * work, so the clock keeps running until the last result is read back (as a training loop reads
 * its losses back once per chunk, not once per step).
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
  while (reps < budget.minReps || (reps < budget.maxReps && clock() - t0 < budget.budgetMs)) {
    await rep();
    reps++;
  }
  await settle();
  return { reps, ms: clock() - t0, warmupMs, cut: false };
}

/** Repetitions per second of a timing; a zero duration counts as 1 µs, never as infinitely fast. */
export const perSecond = (t: Pick<Timing, 'reps' | 'ms'>, units = 1): number =>
  (units * t.reps) / Math.max(1e-3, t.ms / 1000);
