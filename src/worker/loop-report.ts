/**
 * The training loop's reporter: what the UI hears of the steps. Per-step losses stay on the
 * backend and are read back in chunks ({@link LossBuffer}); each step is reported once, even when
 * a recovery from a lost device redoes it.
 */
import type * as tf from '@tensorflow/tfjs';
import type { StepEvent, TrainEvent } from '../domain/api';
import type { DivergenceGuard } from './divergence';
import { LossBuffer } from './loss-buffer';
import type { RunControl } from './run-control';

/** Where the loop stands when a chunk of steps is reported. */
export interface ReportAt {
  epoch: number;
  totalSteps: number;
}

export class StepReporter {
  private readonly buffer = new LossBuffer();

  /**
   * @param started - when the run started (performance.now()), kept across a recovery.
   * @param reported - the highest step already reported (0: none).
   */
  constructor(
    private readonly io: { control: RunControl; emit: (events: TrainEvent[]) => void },
    readonly started: number,
    private reported = 0,
  ) {}

  /** The highest step already reported, for the reporter of a resumed loop. */
  get lastReported(): number {
    return this.reported;
  }

  /** Keeps a step's loss (a scalar on the backend, now owned here) and its learning rate. */
  push(step: number, loss: tf.Scalar, lr: number): void {
    this.buffer.push(step, loss, lr);
  }

  /** Whether enough steps or time have gathered for a readback. */
  due(): boolean {
    return this.buffer.due();
  }

  /** Sends events at once (epochs, λ_max). */
  emit(events: TrainEvent[]): void {
    this.io.emit(events);
  }

  /**
   * Reads the pending losses and reports the new steps before the first diverging one (as judged
   * by `guard`); returns that step, or null when all were fine.
   */
  async flush(at: ReportAt, guard: DivergenceGuard): Promise<number | null> {
    const rows = await this.io.control.guard(this.buffer.flush());
    const elapsedMs = performance.now() - this.started;
    const bad = guard.firstBad(rows);
    const events: StepEvent[] = rows
      .filter((r) => r.step > this.reported && (bad === null || r.step < bad))
      .map((r) => ({ kind: 'step', ...at, elapsedMs, ...r }));
    if (events.length) {
      this.io.emit(events);
      this.reported = events.at(-1)!.step;
    }
    return bad;
  }

  /** Frees the losses not yet read back. */
  dispose(): void {
    this.buffer.dispose();
  }
}
