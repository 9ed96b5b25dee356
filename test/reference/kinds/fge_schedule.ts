import * as tf from '@tensorflow/tfjs';
import {
  fgeSchedule,
  fgeSnapshotCount,
  fgeSnapshots,
  lrAt,
  probsMetrics,
  swaTakes,
} from '../../../src/engine';
import { firstMismatch, type Tolerance } from '../util';

interface ScheduleCase {
  alpha_1: number;
  alpha_2: number;
  cycle: number;
  start: number;
  lrs: number[];
  snapshot_steps: number[];
}

interface FgeFixture {
  schedules: ScheduleCase[];
  ensemble: { logits: number[][][]; labels: number[]; accuracy: number[]; nll: number[] };
  tolerance: { atol: number; ensemble_atol: number };
}

/** One FGE cycle schedule: the lr of every step and the steps snapshotted, as torch ran them. */
function checkSchedule(c: ScheduleCase, k: number, tol: Tolerance): void {
  const cycle = { alpha1: c.alpha_1, alpha2: c.alpha_2, cycle: c.cycle, start: c.start };
  const s = fgeSchedule(cycle);
  const bad = firstMismatch(
    c.lrs.map((_, t) => lrAt(s, t)),
    c.lrs,
    tol,
  );
  if (bad) throw new Error(`schedule ${k}: ${bad}`);
  const plan = fgeSnapshots(cycle);
  const steps = c.lrs.map((_, i) => i + 1).filter((i) => swaTakes(plan, i));
  if (steps.join() !== c.snapshot_steps.join())
    throw new Error(`schedule ${k}: snapshots at ${steps} where torch took ${c.snapshot_steps}`);
  if (fgeSnapshotCount(cycle, c.lrs.length) !== steps.length)
    throw new Error(`schedule ${k}: fgeSnapshotCount disagrees with the snapshots taken`);
}

/** The ensemble of the first k members: the engine's metrics of the mean softmax probabilities. */
async function checkEnsemble(e: FgeFixture['ensemble'], atol: number): Promise<void> {
  const y = tf.tensor1d(e.labels, 'int32');
  const probs = e.logits.map((l) => tf.tidy(() => tf.softmax(tf.tensor2d(l))));
  try {
    for (let k = 1; k <= probs.length; k++) {
      const mean = tf.tidy(() => tf.div(tf.addN(probs.slice(0, k)), k) as tf.Tensor2D);
      const [acc, nll] = probsMetrics(mean, y);
      const got = [(await acc.data())[0]!, (await nll.data())[0]!];
      tf.dispose([mean, acc, nll]);
      const want = [e.accuracy[k - 1]!, e.nll[k - 1]!];
      const bad = firstMismatch(got, want, { rtol: 0, atol });
      if (bad) throw new Error(`ensemble of ${k}: ${bad}`);
    }
  } finally {
    tf.dispose([y, ...probs]);
  }
}

/** FGE's cyclical schedule and snapshot steps, and its ensemble's accuracy, against PyTorch. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as FgeFixture;
  const tol: Tolerance = { rtol: 0, atol: f.tolerance.atol };
  f.schedules.forEach((c, k) => checkSchedule(c, k, tol));
  await checkEnsemble(f.ensemble, f.tolerance.ensemble_atol);
}
