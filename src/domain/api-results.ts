/**
 * The results the worker sends back for slices, grids, probes and datasets (part of the RPC
 * contract in api.ts, kept apart so that file stays readable).
 */
import type { DatasetId, TrainConfig, TrainSummary } from './api';
import type { AxesInfo } from './api-analysis';

/** Losses/accuracies along w + t·d. Arrays have `t.length` entries. */
export interface SliceResult {
  t: number[];
  trainLoss: number[];
  testLoss: number[];
  trainAcc: number[];
  testAcc: number[];
  /** Which backend evaluated it, and why (see `EvalChoice`); absent in files from before. */
  evaluatedOn?: string;
}

/** Grid over w + a·d1 + b·d2. Matrices are row-major with rows indexed by b, columns by a. */
export interface GridResult {
  a: number[];
  b: number[];
  trainLoss: number[][];
  testLoss: number[][];
  trainAcc: number[][];
  testAcc: number[][];
  elapsedMs: number;
  axes?: AxesInfo;
  /** Which backend evaluated it, and why; absent in files from before. */
  evaluatedOn?: string;
}

export interface Progress {
  done: number;
  total: number;
}

export interface PointValue {
  t: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  /** Predicted class of each image of `probeImages()` at this point, in strip order. */
  predicted?: number[];
}

/** Loss and accuracy at w + a·d1 + b·d2, on the plane of the last `grid2d` call. */
export interface PlaneValue {
  a: number;
  b: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  /** Predicted class of each image of `probeImages()` at this point, in strip order. */
  predicted: number[];
}

/** The fixed test images whose predicted labels the perturbation sliders show. */
export interface ProbeImages {
  dataset: DatasetId;
  count: number;
  /** Raw pixel values 0..255, `count` × 28 × 28, row-major. */
  pixels: number[];
  /** True class of each image. */
  labels: number[];
  /** Class names, indexed by class. */
  classes: string[];
}

export interface DatasetInfo {
  id: DatasetId;
  train: number;
  test: number;
  loadMs: number;
}

/** A finished (or stopped) run kept in the worker, with its checkpoints. */
export interface RunInfo {
  id: string;
  /** Display name, e.g. "SAM" or "SGD #2". */
  name: string;
  /** Colour used for this run in every plot. */
  color: string;
  config: TrainConfig;
  summary: TrainSummary;
  hasAverage: boolean;
  /** FGE: the snapshots the run keeps (absent: none; run files keep none). */
  snapshots?: number;
  /** Checkpoints kept: initial, end of each epoch (the trajectory). */
  checkpoints: number;
}
