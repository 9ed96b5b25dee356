/**
 * Start-up settings from the page URL, e.g. `?backend=cpu&model=mlp&epochs=1&grid=11` or
 * `?optimizer=sam&asam=1&schedule=cosine`. Read once; every value is checked with the same limits
 * as the controls and invalid ones are reported.
 */
import {
  LIMITS,
  parseNumber,
  parseSubset,
  type NumberSpec,
  type ParseResult,
} from '../store/limits';
import type { IgnoredParam } from '../store/types';
import type {
  BackendRequest,
  BaseOptimizerId,
  DatasetId,
  FlatMinimaSettings,
  LandscapeConfig,
  ModelId,
  OptimizerId,
  ScheduleId,
  TrainConfig,
} from '../worker/api';

export interface UrlConfig {
  backend: BackendRequest;
  train: Partial<TrainConfig>;
  landscape: Partial<LandscapeConfig>;
  ignored: IgnoredParam[];
}

const BACKENDS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'cpu'];
const DATASETS: readonly DatasetId[] = ['mnist', 'fashion-mnist'];
const MODELS: readonly ModelId[] = ['mlp', 'tiny-cnn', 'lenet5', 'bn-cnn'];
const OPTIMIZERS: readonly OptimizerId[] = ['sgd', 'adam', 'sam', 'swa', 'wasam'];
const BASES: readonly BaseOptimizerId[] = ['sgd', 'adam'];
const SCHEDULES: readonly ScheduleId[] = [
  'constant',
  'cosine',
  'step',
  'cyclical',
  'swa_linear',
  'swalr',
];
const SWITCHES: Readonly<Record<string, boolean>> = {
  true: true,
  '1': true,
  false: false,
  '0': false,
};

/** Checks one raw value and, if valid, writes it into the config; returns why it was rejected. */
type Rule = (raw: string, config: UrlConfig) => string | null;

function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

function choice<T extends string>(
  options: readonly T[],
  apply: (c: UrlConfig, v: T) => void,
): Rule {
  return (raw, config) => {
    const value = raw.trim().toLowerCase();
    if (!isOneOf(options, value)) return `expected one of ${options.join(', ')}`;
    apply(config, value);
    return null;
  };
}

function numeric(
  parse: (raw: string) => ParseResult,
  apply: (c: UrlConfig, v: number) => void,
): Rule {
  return (raw, config) => {
    const parsed = parse(raw);
    if (!parsed.ok) return parsed.message;
    apply(config, parsed.value);
    return null;
  };
}

const ranged = (spec: NumberSpec) => (raw: string) => parseNumber(raw, spec);

/** Flat-minima settings from the URL count as chosen by the user (see `setFlat`). */
const flat = (c: UrlConfig, patch: Partial<FlatMinimaSettings>) => {
  c.train.flat = { ...c.train.flat, ...patch };
};

const toggle =
  (apply: (c: UrlConfig, v: boolean) => void): Rule =>
  (raw, config) => {
    const value = SWITCHES[raw.trim().toLowerCase()];
    if (value === undefined) return 'expected true, false, 1 or 0';
    apply(config, value);
    return null;
  };

/** Averaging frequency: 0 means once per epoch, otherwise every k steps. */
function parseSwaEvery(raw: string): ParseResult {
  if (raw.trim() === '0') return { ok: true, value: 0 };
  const parsed = parseNumber(raw, LIMITS.swaEvery);
  return parsed.ok
    ? parsed
    : { ok: false, message: `0 (once per epoch) or ${parsed.message.toLowerCase()}` };
}

/** URL parameter name → how to check it and where it goes. */
const RULES: Record<string, Rule> = {
  backend: choice(BACKENDS, (c, v) => (c.backend = v)),
  dataset: choice(DATASETS, (c, v) => (c.train.dataset = v)),
  subset: numeric(parseSubset, (c, v) => (c.train.subset = v)),
  model: choice(MODELS, (c, v) => (c.train.model = v)),
  optimizer: choice(OPTIMIZERS, (c, v) => (c.train.optimizer = v)),
  lr: numeric(ranged(LIMITS.lr), (c, v) => (c.train.lr = v)),
  momentum: numeric(ranged(LIMITS.momentum), (c, v) => (c.train.momentum = v)),
  batch: numeric(ranged(LIMITS.batchSize), (c, v) => (c.train.batchSize = v)),
  epochs: numeric(ranged(LIMITS.epochs), (c, v) => (c.train.epochs = v)),
  seed: numeric(ranged(LIMITS.seed), (c, v) => (c.train.seed = v)),
  // One sample size for the per-epoch metrics and for the landscape, so both use the same data.
  evalSamples: numeric(ranged(LIMITS.evalSamples), (c, v) => {
    c.train.evalSamples = v;
    c.landscape.evalSamples = v;
  }),
  slice: numeric(ranged(LIMITS.slicePoints), (c, v) => (c.landscape.slicePoints = v)),
  grid: numeric(ranged(LIMITS.gridSize), (c, v) => (c.landscape.gridSize = v)),
  base: choice(BASES, (c, v) => flat(c, { base: v })),
  rho: numeric(ranged(LIMITS.rho), (c, v) => flat(c, { rho: v })),
  asam: toggle((c, v) => flat(c, { adaptive: v })),
  swaStart: numeric(ranged(LIMITS.swaStart), (c, v) => flat(c, { swaStart: v })),
  swaEvery: numeric(parseSwaEvery, (c, v) => flat(c, { swaEvery: v })),
  swaLr: numeric(ranged(LIMITS.swaLr), (c, v) => flat(c, { swaLr: v })),
  schedule: choice(SCHEDULES, (c, v) => flat(c, { schedule: v })),
  stepSize: numeric(ranged(LIMITS.stepSize), (c, v) => flat(c, { stepSize: v })),
  gamma: numeric(ranged(LIMITS.gamma), (c, v) => flat(c, { gamma: v })),
  cycle: numeric(ranged(LIMITS.cycle), (c, v) => flat(c, { cycle: v })),
  annealEpochs: numeric(ranged(LIMITS.annealEpochs), (c, v) => flat(c, { annealEpochs: v })),
  labelNoise: numeric(ranged(LIMITS.labelNoise), (c, v) => flat(c, { labelNoise: v })),
};

/** Known parameter names, in the order they are documented. */
export const URL_PARAMS = Object.keys(RULES);

/**
 * Parses a query string. Unknown parameters are left alone (other tools may add their own);
 * known ones with bad values are skipped and listed in `ignored`.
 */
export function parseUrlConfig(search: string): UrlConfig {
  const params = new URLSearchParams(search);
  const config: UrlConfig = { backend: 'auto', train: {}, landscape: {}, ignored: [] };
  for (const [name, rule] of Object.entries(RULES)) {
    const raw = params.get(name);
    if (raw === null) continue;
    const reason = rule(raw, config);
    if (reason !== null) config.ignored.push({ name, value: raw, reason });
  }
  return config;
}
