/**
 * RPC types of the ensemble analysis: Fast Geometric Ensembling (Garipov et al. 2018) against
 * SWA (Izmailov et al. 2018) on one FGE run's snapshots.
 */
import type { EvalSamples } from './api-analysis';
import type { Progress } from './api-results';

/** Which run's snapshots, evaluated on its fixed, seeded test samples. */
export interface EnsembleConfig extends Pick<EvalSamples, 'evalSamples'> {
  runId: string;
}

/** The FGE ensemble and the SWA model of the first k snapshots, k = 1..K (index k − 1). */
export interface EnsembleCurve {
  k: number[];
  /** Test accuracy of snapshot k alone. */
  memberAcc: number[];
  /** FGE: argmax of the mean of the first k snapshots' softmax probabilities. */
  fgeAcc: number[];
  /** FGE: mean −log of the mean probability of the true class. */
  fgeNll: number[];
  /** SWA: the equal-weight average of the first k snapshots' weights (BatchNorm recomputed). */
  swaAcc: number[];
  swaNll: number[];
  /** Measured ms to predict every test sample: FGE runs k forward passes, SWA one. */
  fgeMs: number[];
  swaMs: number[];
}

export interface EnsembleResult extends EnsembleCurve {
  runId: string;
  /** The 1-based step after which each snapshot was taken. */
  steps: number[];
  /** Test samples evaluated. */
  samples: number;
  /** Where it ran (the backend's name). */
  backend: string;
}

/** The worker's ensemble method (part of `FlatlandWorkerApi`). */
export interface EnsembleApi {
  /**
   * An FGE run's ensemble of its first k snapshots against SWA's average of the same weights,
   * k = 1..K, on its fixed test samples (a cancellable analysis job).
   */
  ensembles(config: EnsembleConfig, onProgress: (p: Progress) => void): Promise<EnsembleResult>;
}
