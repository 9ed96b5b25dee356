/** Training events for the sharpness-tracking figure's unit tests. */
import type { SharpnessEvent, StepEvent } from '../../../domain/api';

/** Step `step` of a 10-step run at learning rate `lr`. */
export const stepEvent = (step: number, lr: number): StepEvent => ({
  kind: 'step',
  step,
  epoch: 1,
  loss: 1,
  lr,
  totalSteps: 10,
  elapsedMs: 0,
});

/** λ_max measured at `step`; `momentum` null for Adam (no stability threshold). */
export const lambdaEvent = (
  step: number,
  lambdaMax: number,
  momentum: number | null = 0,
): SharpnessEvent => ({
  kind: 'sharpness',
  step,
  epoch: 1,
  lambdaMax,
  lr: 0.1,
  momentum,
  iterations: 8,
});
