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

/**
 * Foret et al. 2021, Fig. 5: the cosine between SAM's first-order update g_SAM = ∇L(w + ε̂) and
 * the second-order one g_SAM + (dε̂/dw)ᵀ·g_SAM, every k steps while a SAM or WASAM run trains.
 */
export interface SamCosineEvent {
  kind: 'samCosine';
  /** Global step (1-based) whose update was measured, at the weights it started from. */
  step: number;
  epoch: number;
  /**
   * cos(g_SAM, g_SAM + (dε̂/dw)ᵀ·g_SAM) on that step's batch and the loss it minimised (train
   * mode, the run's own labels); finite, in [−1, 1]. Exactly 1 for p = ∞ (dε̂/dw = 0).
   */
  cosine: number;
  /** The p of the run's ball. */
  p: SamP;
  /** Whether the run steps with the second-order update (else the first-order one). */
  secondOrder: boolean;
}

/** The p of SAM's p-norm ball as a setting (`FlatMinimaSettings.samP`; links carry it as text). */
export type SamP = '2' | 'inf';

/** The measures a run tracks while it trains, sent with its training events. */
export type TrackingEvent = SharpnessEvent | SamCosineEvent;

/** SAM's p-norm ball, its second-order gradient and the update cosine, in `FlatMinimaSettings`. */
export interface SamVariantSettings {
  /**
   * The p of SAM's neighbourhood ball ‖ε‖_p ≤ ρ (Foret et al. 2021, eq. 2): '2' gives
   * ε̂ = ρ·g/‖g‖₂, 'inf' the sign step ε̂ = ρ·sign(g) (ASAM: ρ·|w|⊙sign(g)).
   */
  samP: SamP;
  /**
   * SAM steps with the full gradient of L(w + ε̂(w)), Hessian term (dε̂/dw)ᵀ·g_SAM included
   * (Foret et al. 2021, eq. 3; one exact Hessian-vector product a step). Not with ASAM; a no-op
   * for p = ∞, where dε̂/dw = 0.
   */
  secondOrder: boolean;
  /** Every this many steps, the cosine of {@link SamCosineEvent}; 0: never. */
  cosineEvery: number;
}
