/** A run as plain data: what the worker exports, and what it imports back (IndexedDB, files). */
import type { RunInfo, TrainEvent } from './api';

/** The weights of one run; arrays are copies owned by the receiver (safe to transfer). */
export interface RunWeights {
  /** Initial weights, then the end of each epoch, from index `checkpointsFrom` on. */
  checkpoints: Float32Array[];
  /** Index of the first checkpoint included; earlier ones were sent before. */
  checkpointsFrom: number;
  /** Final trainable weights; null while the run still trains. */
  final: Float32Array | null;
  /** BatchNorm moving statistics of the final weights (empty for models without BatchNorm). */
  state: Float32Array | null;
  /** SWA/WASAM: the average and its recomputed BatchNorm statistics. */
  averaged?: { params: Float32Array; state: Float32Array; nAveraged: number };
}

/** Everything the worker knows of a run: what the list shows, its events and its weights. */
export interface RunExport {
  info: RunInfo;
  /** True while it still trains: `info.summary` is provisional and `final` is null. */
  live: boolean;
  /** Plan, step and epoch events in the order they were emitted. */
  events: TrainEvent[];
  weights: RunWeights;
}

/** A complete run to add to the worker's runs (from IndexedDB or an imported file). */
export interface RunImport {
  /** Kept when free in the worker; otherwise a new id is given (see the returned RunInfo). */
  id?: string;
  name: string;
  config: RunInfo['config'];
  summary: RunInfo['summary'];
  events: TrainEvent[];
  weights: RunWeights;
}
