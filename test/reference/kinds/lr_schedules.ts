import { lrAt, type LrSchedule } from '../../../src/engine';
import { firstMismatch, type Tolerance } from '../util';

interface ScheduleCase {
  type: string;
  initial_lr: number;
  swa_lr: number;
  anneal_epochs?: number;
  anneal_strategy?: 'cos' | 'linear';
  swa_start?: number;
  lrs: number[];
}

interface LrSchedulesFixture {
  cases: ScheduleCase[];
  tolerance: Partial<Tolerance>;
}

function toSchedule(c: ScheduleCase): LrSchedule {
  if (c.type === 'swalr') {
    return {
      type: 'swalr',
      initialLr: c.initial_lr,
      swaLr: c.swa_lr,
      annealEpochs: c.anneal_epochs!,
      annealStrategy: c.anneal_strategy!,
    };
  }
  if (c.type === 'swa_linear') {
    return { type: 'swa_linear', lr: c.initial_lr, swaLr: c.swa_lr, swaStart: c.swa_start! };
  }
  throw new Error(`unknown schedule type "${c.type}"`);
}

/** Compares lrAt(schedule, epoch) with `lrs[epoch]` for every case. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as LrSchedulesFixture;
  const tol: Tolerance = { rtol: f.tolerance.rtol ?? 0, atol: f.tolerance.atol ?? 0 };
  f.cases.forEach((c, k) => {
    const schedule = toSchedule(c);
    const got = c.lrs.map((_, t) => lrAt(schedule, t));
    const bad = firstMismatch(got, c.lrs, tol);
    if (bad) throw new Error(`case ${k} (${c.type} ${c.anneal_strategy ?? ''}): ${bad}`);
  });
}
