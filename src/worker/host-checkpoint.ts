/**
 * The training loop's recovery checkpointer: a copy of the loop's state in JavaScript memory,
 * taken every epoch and every few seconds, from which a run resumes exactly on another backend
 * when its GPU device is lost (train-loop.ts `recover`).
 */
import type { OptimizerState } from '../engine/optim/create';
import type { TrainState } from '../engine/train/step';
import type { ModelState, Params } from '../engine/types';
import type { EpochEvent } from '../domain/api';
import type { Snapshot } from './snapshots';
import { fromHost, toHost, type Hosted } from './host-copy';
import type { RunControl } from './run-control';

/** Host checkpoints are also taken mid-epoch when this long has passed since the last one. */
const HOST_CHECKPOINT_MS = 5000;

/** The loop's state in JavaScript memory: enough to resume exactly on another backend. */
export interface HostCheckpoint {
  step: number;
  /** Where the loop goes on: epoch (1-based) and the next step within it (0-based). */
  epoch: number;
  stepInEpoch: number;
  /** Weights, BatchNorm statistics and optimizer state, each tensor copied to the host. */
  params: Hosted<Params>;
  modelState: Hosted<ModelState>;
  optState: Hosted<OptimizerState>;
  /** The trajectory so far: weights at initialisation and at the end of each epoch. */
  trajectory: Hosted<Params>[];
  /** FGE: the snapshots taken so far. */
  snapshots: Hosted<Snapshot>[];
  last: EpochEvent | null;
}

/** What a checkpoint is taken of: the step state of the loop (see loop-state.ts). */
export interface Checkpointed {
  ts: TrainState<OptimizerState>;
  epoch: number;
  stepInEpoch: number;
  checkpoints: Params[];
  snapshots: Snapshot[];
  last: EpochEvent | null;
}

/**
 * Keeps the latest host checkpoint. Takes none when the run cannot recover (`enabled` false: the
 * caller passed no `recover` hook), as each copy costs a readback of every tensor.
 */
export class RecoveryCheckpointer {
  private takenAt = performance.now();

  constructor(
    private readonly enabled: boolean,
    private readonly control: RunControl,
    /** The checkpoint a recovery resumes from; null until the first is taken. */
    public latest: HostCheckpoint | null = null,
  ) {}

  /** Whether a mid-epoch checkpoint is due (the last one is old enough). */
  due(): boolean {
    return performance.now() - this.takenAt >= HOST_CHECKPOINT_MS;
  }

  /** Copies the loop's state into JavaScript memory (nothing when not enabled). */
  async take(state: Checkpointed): Promise<void> {
    if (!this.enabled) return;
    const { ts, epoch, stepInEpoch, last } = state;
    const tensors = { params: ts.params, modelState: ts.modelState, optState: ts.optState };
    const copy = toHost({ ...tensors, trajectory: state.checkpoints, snapshots: state.snapshots });
    this.latest = { ...(await this.control.guard(copy)), step: ts.step, epoch, stepInEpoch, last };
    this.takenAt = performance.now();
  }
}

/** The train state of a host checkpoint uploaded to the current backend (caller owns). */
export function restoredTrainState(h: HostCheckpoint): TrainState<OptimizerState> {
  return {
    params: fromHost<Params>(h.params),
    modelState: fromHost<ModelState>(h.modelState),
    optState: fromHost<OptimizerState>(h.optState),
    step: h.step,
  };
}
