/**
 * The Reproduce presets as typed data: the setup each trains at browser scale, what it measures
 * and the observations (claims) its numbers are checked against. The runner is
 * `src/app/presets-runner.ts`; the verdicts are computed in `verdict.ts`.
 */
import type { DatasetId, ModelId, OptimizerId, TrainConfig } from '../../worker/api';

/** What a claim compares; `barrier` is max over α of L(θ(α)) minus the chord, SGD → optimizer. */
export type Measure = 'testAcc' | 'testError' | 'basinWidth' | 'lambdaMax' | 'barrier';

/**
 * One observation of a paper, as a test on this run's numbers. `lower`/`higher`: optimizer `a`'s
 * measure against `b`'s, per seed (paired: same seed, same initial weights and data order);
 * `nearZero`/`positive`: `a`'s own measure (a barrier) against `tolerance`.
 */
export type Claim =
  | {
      kind: 'lower' | 'higher';
      text: string;
      measure: Measure;
      a: OptimizerId;
      b: OptimizerId;
      /** Differences relative to |b| (scale-free measures like λ_max and widths). */
      relative: boolean;
      /** The smallest difference that counts; smaller ones are inconclusive. */
      tolerance: number;
    }
  | {
      kind: 'nearZero' | 'positive';
      text: string;
      measure: 'barrier';
      a: OptimizerId;
      tolerance: number;
    };

/** How the solutions are probed after training. */
export interface ProbeSettings {
  /** Random filter-normalised directions for the basin width (shared by the runs of a seed). */
  directions: number;
  slicePoints: number;
  /** Slices run over t ∈ [−sliceRange, sliceRange]. */
  sliceRange: number;
  /** Basin width at train loss ≤ L(w) + basinRise along each direction. */
  basinRise: number;
  /** Samples of train and test for slices and θ(α). */
  evalSamples: number;
  /** Training samples of the λ_max estimate. */
  sharpnessSamples: number;
  /** Points of θ(α) on α ∈ [0, 1]. */
  interpolationPoints: number;
}

export type PresetId = 'swa-vs-sgd' | 'sam-vs-sgd' | 'kaddour' | 'all-four' | 'smoke';

export interface Preset {
  id: PresetId;
  /** The button reads "Reproduce: " + label. */
  label: string;
  paper: string;
  observation: string;
  /** Everything but the optimizer and seed, which the preset sets per run. */
  train: Omit<TrainConfig, 'optimizer' | 'seed'>;
  optimizers: OptimizerId[];
  seeds: number[];
  probe: ProbeSettings;
  claims: Claim[];
}

const base = (dataset: DatasetId, model: ModelId, subset: number) => ({
  dataset,
  subset,
  model,
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 0,
  batchSize: 32,
  evalSamples: 1000,
});

const PROBE: ProbeSettings = {
  directions: 3,
  slicePoints: 31,
  sliceRange: 1,
  basinRise: 0.1,
  evalSamples: 500,
  sharpnessSamples: 256,
  interpolationPoints: 11,
};

const widerClaim = (a: OptimizerId, b: OptimizerId): Claim => ({
  kind: 'higher',
  text: `${a.toUpperCase()}'s basin is wider than ${b.toUpperCase()}'s along the same random filter-normalised directions`,
  measure: 'basinWidth',
  a,
  b,
  relative: true,
  tolerance: 0.05,
});

const flatterClaim = (a: OptimizerId, b: OptimizerId): Claim => ({
  kind: 'lower',
  text: `${a.toUpperCase()} has a lower λ_max than ${b.toUpperCase()}`,
  measure: 'lambdaMax',
  a,
  b,
  relative: true,
  tolerance: 0.05,
});

const betterClaim = (a: OptimizerId, b: OptimizerId): Claim => ({
  kind: 'lower',
  text: `${a.toUpperCase()} has a lower test error than ${b.toUpperCase()}`,
  measure: 'testError',
  a,
  b,
  relative: false,
  tolerance: 0.005,
});

export const SWA_VS_SGD: Preset = {
  id: 'swa-vs-sgd',
  label: 'SWA vs SGD',
  paper: 'Izmailov et al. 2018, Averaging Weights Leads to Wider Optima and Better Generalization',
  observation:
    'The SWA solution lies in a wider region of low loss than the SGD solution along the same random filter-normalised directions, and its test error is lower.',
  train: { ...base('fashion-mnist', 'tiny-cnn', 1000), epochs: 8, flat: { swaStart: 0.5 } },
  optimizers: ['sgd', 'swa'],
  seeds: [1, 2, 3],
  probe: PROBE,
  claims: [widerClaim('swa', 'sgd'), betterClaim('swa', 'sgd')],
};

export const SAM_VS_SGD: Preset = {
  id: 'sam-vs-sgd',
  label: 'SAM vs SGD',
  paper: 'Foret et al. 2021, Sharpness-Aware Minimization for Efficiently Improving Generalization',
  observation:
    'On a small training subset with noisy labels, SAM reaches a solution with a lower top Hessian eigenvalue λ_max and a better test accuracy than SGD.',
  train: {
    ...base('fashion-mnist', 'tiny-cnn', 1000),
    epochs: 8,
    flat: { labelNoise: 0.2, rho: 0.05 },
  },
  optimizers: ['sgd', 'sam'],
  seeds: [1, 2, 3],
  probe: { ...PROBE, directions: 0 },
  claims: [flatterClaim('sam', 'sgd'), betterClaim('sam', 'sgd')],
};

export const KADDOUR: Preset = {
  id: 'kaddour',
  label: 'Kaddour et al. Obs. 1–3',
  paper: 'Kaddour et al. 2022, When Do Flat Minima Optimizers Work?',
  observation:
    'Obs. 1: θ(α) from the SGD solution to the SWA solution stays in one basin (no barrier). Obs. 2: to the SAM solution it crosses a barrier. Obs. 3: averaging SAM (WASAM) gives a flatter solution than SAM.',
  train: { ...base('fashion-mnist', 'tiny-cnn', 1000), epochs: 8, flat: { swaStart: 0.5 } },
  optimizers: ['sgd', 'swa', 'sam', 'wasam'],
  seeds: [1, 2],
  probe: { ...PROBE, directions: 0 },
  claims: [
    {
      kind: 'nearZero',
      text: 'θ(α) from SGD to SWA crosses no barrier (one basin)',
      measure: 'barrier',
      a: 'swa',
      tolerance: 0.02,
    },
    {
      kind: 'positive',
      text: 'θ(α) from SGD to SAM crosses a barrier',
      measure: 'barrier',
      a: 'sam',
      tolerance: 0.02,
    },
    flatterClaim('wasam', 'sam'),
  ],
};

export const ALL_FOUR: Preset = {
  id: 'all-four',
  label: 'all four optimizers',
  paper: 'Izmailov et al. 2018; Foret et al. 2021; Kaddour et al. 2022',
  observation:
    'On one setup, the flat-minima optimizers (SWA, SAM, WASAM) find flatter solutions than SGD (lower λ_max) that test at least as well.',
  train: { ...base('fashion-mnist', 'tiny-cnn', 1000), epochs: 8, flat: { swaStart: 0.5 } },
  optimizers: ['sgd', 'swa', 'sam', 'wasam'],
  seeds: [1, 2],
  probe: { ...PROBE, directions: 1 },
  claims: (['swa', 'sam', 'wasam'] as const).flatMap((o) => [
    flatterClaim(o, 'sgd'),
    betterClaim(o, 'sgd'),
  ]),
};

/** The smallest preset at test scale: SWA vs SGD on 64 images, for the browser test. */
export const SMOKE: Preset = {
  ...SWA_VS_SGD,
  id: 'smoke',
  label: 'SWA vs SGD (smoke test)',
  train: {
    ...SWA_VS_SGD.train,
    dataset: 'mnist',
    subset: 64,
    epochs: 2,
    evalSamples: 32,
  },
  seeds: [1],
  // Software WebGPU compiles a pipeline per new shape: few points on small samples.
  probe: { ...PROBE, directions: 1, slicePoints: 5, evalSamples: 32 },
};

/** The presets offered as buttons, in order. */
export const PRESETS: readonly Preset[] = [SWA_VS_SGD, SAM_VS_SGD, KADDOUR, ALL_FOUR];

/** The measures a preset's claims need (test accuracy is always known from training). */
export function neededMeasures(preset: Preset): Set<Measure> {
  return new Set(preset.claims.map((c) => c.measure));
}

/** The setup in one line per item, for the panel: dataset, subset, noise, model, budget, seeds. */
export function describeSetup(p: Preset): { term: string; value: string }[] {
  const t = p.train;
  const dataset = t.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  const noise = t.flat?.labelNoise ?? 0;
  return [
    { term: 'Data', value: `${dataset}, ${t.subset} training images` },
    { term: 'Label noise', value: noise > 0 ? `${Math.round(noise * 100)}% of labels` : 'none' },
    { term: 'Model', value: t.model },
    {
      term: 'Budget',
      value: `${t.epochs} epochs, batch ${t.batchSize}, lr ${t.lr}, momentum ${t.momentum}`,
    },
    { term: 'Optimizers', value: p.optimizers.map((o) => o.toUpperCase()).join(', ') },
    { term: 'Seeds', value: p.seeds.join(', ') },
  ];
}
