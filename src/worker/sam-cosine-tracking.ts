/**
 * Foret et al. 2021, Fig. 5: the cosine between SAM's first- and second-order updates every k
 * steps while a SAM or WASAM run trains, whichever order it steps with. Measured at the weights a
 * step starts from, on that step's batch, with the loss the step differentiates (train mode, the
 * run's own labels), so the number describes the update the run took or would have taken.
 */
import type { SamConfig } from '../engine/optim/sam';
import { samUpdateCosine } from '../engine/optim/sam-cosine';
import { makeLossAndGrad } from '../engine/train/loss-and-grad';
import type { Batch, ModelSpec, ModelState, Params } from '../engine/types';
import type { FlatMinimaSettings, SamCosineEvent, TrainConfig } from '../domain/api';
import type { OptimizerPlan } from './optimizer-config';

/** The SAM inside a run's optimizer (SAM, or WASAM's), or null for the others and for ASAM. */
function samOf(config: TrainConfig, flat: FlatMinimaSettings): SamConfig | null {
  const sam = config.optimizer === 'sam' || config.optimizer === 'wasam';
  if (!sam || flat.adaptive) return null;
  return { rho: flat.rho, ...(flat.samP === 'inf' ? { p: 'inf' as const } : {}) };
}

/** Where in training a measurement is taken. */
export interface CosineStep {
  step: number;
  epoch: number;
}

/** A run's SAM update cosines: off (never due) unless SAM, not ASAM, with k > 0. Holds no tensors. */
export class SamCosineTracker {
  /** The last step measured; steps redone after a recovery are not measured twice. */
  lastStep = 0;

  private constructor(
    readonly every: number,
    private readonly sam: SamConfig | null,
    private readonly flat: FlatMinimaSettings,
  ) {}

  static create(config: TrainConfig, plan: OptimizerPlan): SamCosineTracker {
    const sam = samOf(config, plan.flat);
    return new SamCosineTracker(sam ? plan.flat.cosineEvery : 0, sam, plan.flat);
  }

  /** Whether the update of 1-based step `step` is measured. */
  due(step: number): boolean {
    return this.sam !== null && this.every > 0 && step > this.lastStep && step % this.every === 0;
  }

  /** The cosine at `params` on `batch` (both borrowed); null when not finite (no event). */
  async measure(
    spec: ModelSpec,
    params: Params,
    state: ModelState,
    batch: Batch,
    at: CosineStep,
  ): Promise<SamCosineEvent | null> {
    if (!this.sam) return null;
    const cosine = await samUpdateCosine(params, makeLossAndGrad(spec, state, batch), this.sam);
    this.lastStep = at.step;
    if (!Number.isFinite(cosine)) return null;
    const { samP: p, secondOrder } = this.flat;
    return { kind: 'samCosine', ...at, cosine, p, secondOrder };
  }
}
