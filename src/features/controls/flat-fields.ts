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
  | 'adaptive'
  | 'swaStart'
  | 'averaging'
  | 'swaEvery'
  | 'swaLr'
  | 'stepSize'
  | 'gamma'
  | 'cycle'
  | 'annealEpochs'
  | 'annealStrategy';

const WRAPPERS = new Set<OptimizerId>(['sam', 'swa', 'wasam']);
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
  add(optimizer === 'sam' || optimizer === 'wasam', 'rho', 'adaptive');
  add(averaging, 'averaging');
  add(averaging && flat.swaEvery > 0, 'swaEvery');
  // The SWA paper's schedule decays towards its start; SWALR anneals once averaging begins.
  add(averaging || flat.schedule === 'swa_linear', 'swaStart');
  // Only the schedules that read it: WASAM's cosine (Kaddour et al.) never settles at an SWA lr.
  add(['cyclical', 'swa_linear', 'swalr'].includes(flat.schedule), 'swaLr');
  add(flat.schedule === 'step', 'stepSize', 'gamma');
  add(flat.schedule === 'cyclical', 'cycle');
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

/** One line per field: what it does, which paper, and its default. */
export function helpTexts(
  view: ReturnType<typeof flatView>,
): Record<FlatField | 'optimizer' | 'schedule' | 'labelNoise', string> {
  const d = view.defaults;
  return {
    optimizer:
      'SGD and Adam settle in any minimum; SAM seeks flat ones (Foret et al. 2021), SWA averages weights along the trajectory (Izmailov et al. 2018), WASAM does both (Kaddour et al. 2022)',
    base: `The optimizer SAM, SWA and WASAM wrap; the papers use SGD with momentum; default ${d.base.toUpperCase()}`,
    momentum: 'Fraction of the previous update carried into the next one (heavy-ball SGD)',
    rho: `ρ: radius of the neighbourhood SAM minimises the worst-case loss over (Foret et al. 2021); ${d.rho}, or ${view.asamRho} with ASAM (davda54/sam’s value)`,
    adaptive: `ASAM: the neighbourhood ‖ε/|w|‖ ≤ ρ scales with |w| on every weight, as davda54/sam’s adaptive=True, so weight rescaling cannot fake flatness (Kwon et al. 2021); sets ρ to ${view.asamRho} unless edited`,
    swaStart: `Fraction of the step budget after which weights are averaged (Izmailov et al. 2018; Kaddour et al. 2022); ${d.swaStart}`,
    averaging:
      'How often the average takes in the current weights; the papers’ code does it once per epoch',
    swaEvery: 'Steps between two additions to the running average',
    swaLr: `Learning rate the SWA schedules settle at, and the low end α2 of the cyclical one (Izmailov et al. 2018); lr / 2 = ${d.swaLr}`,
    schedule: `How the learning rate changes over training. SWA defaults to the SWA paper’s, WASAM to cosine over all epochs (Kaddour et al.’s code); the SWA paper’s SGD baseline decays to 0.01·lr (Izmailov et al.’s code); default here: ${scheduleLabel(d.schedule)}`,
    stepSize: `StepLR: epochs between two decays of the learning rate; ${d.stepSize}`,
    gamma: `StepLR: factor the learning rate is multiplied by at each decay; ${d.gamma}`,
    cycle: `Cyclical: steps per cycle from lr down to the SWA learning rate (Izmailov et al. 2018, eq. 2); ${d.cycle} means one epoch`,
    annealEpochs: `SWALR (PyTorch): epochs to anneal from lr to the SWA learning rate once averaging starts; ${d.annealEpochs}`,
    annealStrategy: `SWALR (PyTorch): shape of the annealing, cosine or linear; ${d.annealStrategy}`,
    labelNoise: `Fraction of training labels replaced by random classes (Zhang et al. 2017); SAM is notably robust to it (Foret et al. 2021); ${d.labelNoise}`,
  };
}
