/**
 * Which optimizer settings apply to a configuration, and their one-line explanations. Pure, so
 * the rules that show and hide fields are unit-tested; defaults come from the worker's
 * `resolveFlat`, never from numbers written here.
 */
import { TRAIN_SET_SIZE } from '../../store/limits';
import { resolveFlat } from '../../domain/api-defaults';
import type {
  BaseOptimizerId,
  FlatMinimaSettings,
  OptimizerId,
  TrainConfig,
} from '../../domain/api';
import { SCHEDULE_OPTIONS } from './options';

/** Settings fields whose presence depends on the optimizer and schedule. */
export type FlatField =
  | 'base'
  | 'momentum'
  | 'rho'
  | 'm'
  | 'adaptive'
  | 'samP'
  | 'secondOrder'
  | 'cosineEvery'
  | 'swaStart'
  | 'averaging'
  | 'swaEvery'
  | 'swaLr'
  | 'stepSize'
  | 'gamma'
  | 'cycle'
  | 'annealEpochs'
  | 'annealStrategy';

const WRAPPERS = new Set<OptimizerId>(['sam', 'swa', 'wasam', 'fge']);
const AVERAGING = new Set<OptimizerId>(['swa', 'wasam']);

/** The first-order optimizer that actually steps: SAM, SWA and WASAM wrap `base`. */
export function effectiveBase(optimizer: OptimizerId, base: BaseOptimizerId): BaseOptimizerId {
  if (optimizer === 'sgd' || optimizer === 'adam') return optimizer;
  return base;
}

/** The fields that apply; every other optimizer field is hidden (and cannot block Train). */
export function visibleFields(optimizer: OptimizerId, flat: FlatMinimaSettings): Set<FlatField> {
  const shown = new Set<FlatField>();
  const averaging = AVERAGING.has(optimizer);
  const add = (when: boolean, ...fields: FlatField[]) =>
    when && fields.forEach((f) => shown.add(f));
  add(WRAPPERS.has(optimizer), 'base');
  add(effectiveBase(optimizer, flat.base) === 'sgd', 'momentum');
  const sam = optimizer === 'sam' || optimizer === 'wasam';
  add(sam, 'rho', 'm', 'adaptive', 'samP');
  // Second order and the update cosine are derived for SAM's ε̂, not ASAM's (schema rule).
  add(sam && !flat.adaptive, 'secondOrder', 'cosineEvery');
  add(averaging, 'averaging');
  add(averaging && flat.swaEvery > 0, 'swaEvery');
  // The SWA paper's schedule decays towards its start; SWALR anneals once averaging begins.
  // FGE always runs its own cycle (Garipov et al. 2018): its snapshots are the cycle's midpoints.
  const fge = optimizer === 'fge' || flat.schedule === 'fge';
  add(averaging || fge || flat.schedule === 'swa_linear', 'swaStart');
  // Only the schedules that read it: WASAM's cosine (Kaddour et al.) never settles at an SWA lr.
  add(fge || ['cyclical', 'swa_linear', 'swalr'].includes(flat.schedule), 'swaLr');
  add(flat.schedule === 'step', 'stepSize', 'gamma');
  add(fge || flat.schedule === 'cyclical', 'cycle');
  add(flat.schedule === 'swalr', 'annealEpochs', 'annealStrategy');
  return shown;
}

/** The settings in force and the paper defaults they depart from. */
export function flatView(train: TrainConfig) {
  return {
    settings: resolveFlat(train.optimizer, train.lr, train.flat),
    defaults: resolveFlat(train.optimizer, train.lr, {}),
    asamRho: resolveFlat(train.optimizer, train.lr, { adaptive: true }).rho,
  };
}

/** True when an optimizer setting departs from the defaults (label noise is data, not counted). */
export function hasOverrides(flat: TrainConfig['flat']): boolean {
  return Object.keys(flat ?? {}).some((key) => key !== 'labelNoise');
}

/** Steps in one epoch, as the worker counts them (it drops the last partial batch). */
export function stepsPerEpoch(subset: number, batchSize: number): number {
  const size = subset === 0 ? TRAIN_SET_SIZE : subset;
  return Math.max(1, Math.floor(size / batchSize));
}

const scheduleLabel = (id: FlatMinimaSettings['schedule']) =>
  SCHEDULE_OPTIONS.find((o) => o.value === id)?.label ?? id;

/**
 * One line per choice field: what it does, which paper, and its default. The number fields' lines
 * are in the schema's field table (src/schema/controls.ts).
 */
export function helpTexts(
  view: ReturnType<typeof flatView>,
): Record<
  | 'optimizer'
  | 'base'
  | 'adaptive'
  | 'samP'
  | 'secondOrder'
  | 'averaging'
  | 'schedule'
  | 'annealStrategy',
  string
> {
  const d = view.defaults;
  return {
    optimizer:
      'SGD and Adam settle in any minimum; SAM seeks flat ones (Foret et al. 2021), SWA averages weights along the trajectory (Izmailov et al. 2018), WASAM does both (Kaddour et al. 2022)',
    base: `The optimizer SAM, SWA and WASAM wrap; the papers use SGD with momentum; default ${d.base.toUpperCase()}`,
    adaptive: `ASAM: the neighbourhood ‖ε/|w|‖ ≤ ρ scales with |w| on every weight, as davda54/sam’s adaptive=True, so weight rescaling cannot fake flatness (Kwon et al. 2021); sets ρ to ${view.asamRho} unless edited`,
    samP: `The ball SAM maximises over, ‖ε‖_p ≤ ρ (Foret et al. 2021, eq. 2): p = 2 gives ε̂ = ρ·g/‖g‖₂ (the paper’s experiments), p = ∞ the sign step ε̂ = ρ·sign(g) (with ASAM ρ·|w|⊙sign(g)), which moves every one of the D weights by ρ: ‖ε̂‖₂ = ρ·√D, so the same step length needs a ρ √D times smaller; default p = ${d.samP === 'inf' ? '∞' : d.samP}`,
    secondOrder: `Step with the full gradient of L(w + ε̂(w)), the Hessian term (dε̂/dw)ᵀ·g_SAM included, through one exact Hessian-vector product per step (Foret et al. 2021, eq. 3; the paper drops it). For p = ∞, ε̂ = ρ·sign(g) has dε̂/dw = 0 almost everywhere, so the term vanishes and this changes nothing. Not with ASAM. Default ${d.secondOrder ? 'on' : 'off'}`,
    averaging:
      'How often the average takes in the current weights; the papers’ code does it once per epoch',
    schedule: `How the learning rate changes over training. SWA defaults to the SWA paper’s, WASAM to cosine over all epochs (Kaddour et al.’s code); the SWA paper’s SGD baseline decays to 0.01·lr (Izmailov et al.’s code); default here: ${scheduleLabel(d.schedule)}`,
    annealStrategy: `SWALR (PyTorch): shape of the annealing, cosine or linear; ${d.annealStrategy}`,
  };
}
