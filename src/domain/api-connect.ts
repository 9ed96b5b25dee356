/**
 * RPC types of mode connectivity (Garipov et al. 2018; Draxler et al. 2018): a curve with one
 * trainable bend θ between two trained weight sets w₁ and w₂. Structured-clone serialisable.
 */
import type { EvalSamples, WeightsRef } from './api-analysis';
import type { Progress } from './api-results';

/**
 * `bezier`: φ(t) = (1 − t)²·w₁ + 2t(1 − t)·θ + t²·w₂; `polychain`: the polygonal chain
 * w₁ → θ → w₂ (θ reached at t = 0.5). Both as Garipov et al.'s dnn-mode-connectivity.
 */
export type CurveKind = 'bezier' | 'polychain';

export const CURVE_NAMES: Record<CurveKind, string> = {
  bezier: 'Bézier (quadratic)',
  polychain: 'Polygonal chain',
};

/** Connect two runs: train the bend, then evaluate the line, the curve and their plane. */
export interface ConnectConfig extends EvalSamples {
  /** w₁ (φ(0)); its training subset and labels are what the curve is trained on. */
  a: WeightsRef;
  /** w₂ (φ(1)). */
  b: WeightsRef;
  kind: CurveKind;
  /** Passes over A's training subset, each t drawn afresh per step. */
  epochs: number;
  batchSize: number;
  /** Initial learning rate of Garipov et al.'s schedule (constant, then linear to 1% of it). */
  lr: number;
  momentum: number;
  /** L2 penalty on the curve's point φ(t), Garipov et al.'s `wd` (gradient wd·φ(t) through φ). */
  weightDecay: number;
  /** Values of t (and of α for the line) on [0, 1]. */
  points: number;
  /** Points per side of the plane's loss grid (0: no plane, e.g. for a preset's barrier). */
  gridPoints: number;
  /** Seed of the t draws and the batch order. */
  seed: number;
}

/** Loss and accuracy at each point of a path. */
export interface PathValues {
  trainLoss: number[];
  testLoss: number[];
  trainAcc: number[];
  testAcc: number[];
}

/** Max over the path of loss minus the chord between its ends (see `barrier`). */
export interface Barriers {
  train: number;
  test: number;
}

/**
 * The plane through w₁, w₂ and θ: origin w₁, û = (w₂ − w₁)/‖w₂ − w₁‖, v̂ the part of θ − w₁
 * orthogonal to û, normalised (Gram–Schmidt, Garipov et al.'s plane.py). Coordinates are the
 * weight-space distances along û and v̂.
 */
export interface ConnectPlane {
  /** Grid coordinates along û and v̂; the grid is trainLoss[j][i] at (x[i], y[j]). */
  x: number[];
  y: number[];
  trainLoss: number[][];
  testLoss: number[][];
  /** w₁, θ and w₂ in the plane: [0, 0], [θ·û, ‖v‖], [‖w₂ − w₁‖, 0]. */
  w1: [number, number];
  bend: [number, number];
  w2: [number, number];
  /** Both paths at the result's t grid. */
  line: { x: number[]; y: number[] };
  curve: { x: number[]; y: number[] };
}

export interface ConnectResult {
  kind: CurveKind;
  t: number[];
  /** θ(α) = (1 − α)·w₁ + α·w₂ at α = t. */
  line: PathValues;
  curve: PathValues;
  lineBarrier: Barriers;
  curveBarrier: Barriers;
  /** Mini-batch loss at φ(t) of each training step (its own t), and those t. */
  training: { loss: number[]; t: number[] };
  /** Null when `gridPoints` was 0. */
  plane: ConnectPlane | null;
}

/** The worker's method (part of `FlatlandWorkerApi`). */
export interface ConnectApi {
  /** Trains a one-bend curve between two checkpoints of one model and dataset, then evaluates it. */
  connect(config: ConnectConfig, onProgress: (p: Progress) => void): Promise<ConnectResult>;
}
