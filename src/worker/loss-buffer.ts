import * as tf from '@tensorflow/tfjs';

/** Losses are read back in chunks: at most this many steps, or this much time, per readback. */
const FLUSH_STEPS = 50;
const FLUSH_MS = 250;

/**
 * Per-step losses kept on the backend and read back together, so the training loop does not
 * synchronise with the GPU on every step.
 */
export class LossBuffer {
  private losses: tf.Scalar[] = [];
  private lrs: number[] = [];
  private firstStep = 0;
  private lastFlush = performance.now();

  push(step: number, loss: tf.Scalar, lr: number): void {
    if (this.losses.length === 0) this.firstStep = step;
    this.losses.push(loss);
    this.lrs.push(lr);
  }

  due(): boolean {
    return this.losses.length >= FLUSH_STEPS || performance.now() - this.lastFlush >= FLUSH_MS;
  }

  /** Reads all pending losses with one readback; returns { step, loss, lr } per step. */
  async flush(): Promise<Array<{ step: number; loss: number; lr: number }>> {
    if (this.losses.length === 0) return [];
    const stacked = tf.stack(this.losses);
    const values = await stacked.data();
    tf.dispose([stacked, ...this.losses]);
    const out = Array.from(values, (loss, i) => ({
      step: this.firstStep + i,
      loss,
      lr: this.lrs[i]!,
    }));
    this.losses = [];
    this.lrs = [];
    this.lastFlush = performance.now();
    return out;
  }

  dispose(): void {
    tf.dispose(this.losses);
    this.losses = [];
    this.lrs = [];
  }
}
