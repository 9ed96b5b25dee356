/**
 * Sharpness tracking: λ_max of the training loss measured every k steps while a run trains, the
 * data of the "Sharpness during training" plot (Cohen et al. 2021, edge of stability).
 */

/** One measurement, sent through the training events and saved with the run. */
export interface SharpnessEvent {
  kind: 'sharpness';
  /** Global step whose updated weights were measured; 0 is the initial weights. */
  step: number;
  epoch: number;
  /**
   * Top Hessian eigenvalue of the training loss on a fixed, seeded sample of the run's own
   * training labels (label noise included), in eval mode (BatchNorm moving statistics).
   */
  lambdaMax: number;
  /** Learning rate of that step (of step 1 for the initial weights). */
  lr: number;
  /**
   * Momentum β of the SGD that takes the steps (the base of SAM, SWA, WASAM), for the stability
   * threshold 2(1+β)/η; null for Adam, whose steps have no such threshold.
   */
  momentum: number | null;
  /** Hessian-vector products the (warm-started, capped) power iteration spent. */
  iterations: number;
}
