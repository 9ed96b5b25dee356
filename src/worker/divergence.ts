import * as tf from '@tensorflow/tfjs';
import type { ModelState, Params } from '../engine/types';

/**
 * A loss this many times the first step's (and at least {@link EXPLODE_FLOOR}) counts as
 * exploding: cross-entropy starts near ln(classes) ≈ 2.3, so 100× means the logits have blown up
 * long before they overflow to Infinity/NaN, and nothing useful is left to train.
 */
export const EXPLODE_FACTOR = 100;
export const EXPLODE_FLOOR = 100;

/** Weights whose loss was seen to be finite, with the step they are the result of. */
export interface KeptWeights {
  params: Params;
  state: ModelState;
  step: number;
}

/** New handles on the same data (tf.clone copies nothing), so the weights outlive the loop's. */
const hold = (p: Params): Params =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)]));

function release(k: KeptWeights | null): void {
  if (k) tf.dispose([...Object.values(k.params), ...Object.values(k.state)]);
}

/**
 * Tracks the last weights known to give a finite loss. Losses are read back in chunks, so the
 * weights after the last step of a chunk are only confirmed by the first loss of the next chunk:
 * the guard keeps those (`pending`) and the confirmed ones before them (`good`).
 */
export class DivergenceGuard {
  private pending: KeptWeights;
  private good: KeptWeights | null = null;
  private limit: number | null = null;

  constructor(params: Params, state: ModelState, step: number) {
    this.pending = { params: hold(params), state: hold(state), step };
  }

  /** The first step of `rows` whose loss is non-finite or exploding; null when all are fine. */
  firstBad(rows: ReadonlyArray<{ step: number; loss: number }>): number | null {
    if (this.limit === null && rows.length > 0 && Number.isFinite(rows[0]!.loss)) {
      this.limit = Math.max(EXPLODE_FLOOR, EXPLODE_FACTOR * rows[0]!.loss);
    }
    const limit = this.limit ?? Infinity;
    const bad = rows.find((r) => !Number.isFinite(r.loss) || r.loss > limit);
    return bad ? bad.step : null;
  }

  /** After a chunk of fine losses: the pending weights are confirmed, the current ones pend. */
  advance(params: Params, state: ModelState, step: number): void {
    release(this.good);
    this.good = this.pending;
    this.pending = { params: hold(params), state: hold(state), step };
  }

  /**
   * The weights to keep when the loss at `badStep` diverged (caller owns them). The pending
   * weights are good unless they produced that very loss; the initial weights are kept if
   * nothing else was ever confirmed.
   */
  takeKept(badStep: number): KeptWeights {
    const pendingOk = badStep > this.pending.step + 1 || this.good === null;
    const kept = pendingOk ? this.pending : this.good!;
    release(pendingOk ? this.good : this.pending);
    this.good = null;
    this.pending = { params: {}, state: {}, step: kept.step };
    return kept;
  }

  dispose(): void {
    release(this.good);
    release(this.pending);
    this.good = null;
    this.pending = { params: {}, state: {}, step: 0 };
  }
}
