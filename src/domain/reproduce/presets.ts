/**
 * The Reproduce presets as typed data: a regime where the papers predict the effect, what it
 * measures, and the claims its paired-seed statistics are judged on. The runner is
 * `src/app/presets-runner.ts`; the verdicts are computed in `verdict.ts`.
 *
 * The regimes follow a PyTorch pilot (exact Hessians, 5 paired seeds, the 784-64-10 MLP on 1,000
 * Fashion-MNIST images, batch 32, no momentum, 40 epochs = 1,240 steps) that showed each effect
 * in every seed, where the earlier presets (a 5k-parameter CNN, lr 0.05 with momentum 0.9,
 * 8 epochs: underfit, far below the stability threshold) showed none.
 */
import type { OptimizerId } from '../api';
import { optimizerArm } from './arms';
import { FGE_VS_SWA } from './preset-fge';
import { mlp, PROBE, SEEDS } from './preset-common';
import { M_SHARPNESS } from './preset-msharp';
import { SAM_ORDER } from './preset-sam-order';
import { MODE_CONNECTIVITY } from './preset-connect';
import type { Claim, Measure, Preset } from './preset-types';
import { SKIP_CONNECTIONS } from './skip-preset';

export type {
  Arm,
  ArmTrain,
  Claim,
  Measure,
  Preset,
  PresetId,
  ProbeSettings,
} from './preset-types';
export { armConfig, armLabel, armSeed, baselineArm, optimizerArm } from './arms';

/**
 * Averaging once per epoch (swaEvery's default) from epoch 11 (⌈0.26·40⌉) to 40, 30 snapshots, at the constant lr:
 * the long constant-LR phase of Izmailov et al. 2018 §3. Every run, the SGD baseline included,
 * keeps the constant lr (not the decayed baseline of Izmailov et al.'s code).
 */
const AVERAGING = { schedule: 'constant' as const, swaStart: 0.26 };

const NAME = (o: OptimizerId) => o.toUpperCase();
const arms = (...os: OptimizerId[]) => os.map(optimizerArm);

const wider = (a: OptimizerId, b: OptimizerId): Claim => ({
  kind: 'higher',
  text: `${NAME(a)}'s basin is wider than ${NAME(b)}'s (mean over ${PROBE.directions} random filter-normalised directions)`,
  measure: 'basinWidth',
  a,
  b,
  relative: true,
});

const flatter = (a: OptimizerId, b: OptimizerId): Claim => ({
  kind: 'lower',
  text: `${NAME(a)} has a lower λ_max than ${NAME(b)}`,
  measure: 'lambdaMax',
  a,
  b,
  relative: true,
});

const better = (a: OptimizerId, b: OptimizerId): Claim => ({
  kind: 'lower',
  text: `${NAME(a)} has a lower test error than ${NAME(b)} (whole test set)`,
  measure: 'testError',
  a,
  b,
  relative: false,
});

const PILOT = 'A PyTorch pilot in this regime (5 paired seeds, exact Hessians)';

export const SWA_VS_SGD: Preset = {
  id: 'swa-vs-sgd',
  size: 'full',
  label: 'SWA vs SGD',
  paper: 'Izmailov et al. 2018, Averaging Weights Leads to Wider Optima and Better Generalization',
  observation:
    'The SWA solution lies in a wider region of low loss than the SGD solution along the same random filter-normalised directions, and its test error is lower.',
  regime: `An over-parameterised MLP (50,890 weights, 1,000 images) trained to near-zero loss by plain SGD at a constant lr of 0.3, high enough that sharpness reaches 2/η ≈ 6.7 (Cohen et al. 2021): SGD then bounces around a flat region whose centre SWA averages (Izmailov et al. 2018 §3), here 30 snapshots, once per epoch from epoch 11, at a constant SWA lr of 0.3. The SGD baseline keeps the same constant lr. ${PILOT} found SWA's basin 1.24–1.37× as wide in every seed, with lower test error; averaging late or a lower SWA lr shrank it to ~1.0–1.1.`,
  train: { ...mlp(0.3), flat: { ...AVERAGING } },
  arms: arms('sgd', 'swa'),
  seeds: SEEDS,
  probe: PROBE,
  claims: [wider('swa', 'sgd'), better('swa', 'sgd')],
};

export const SAM_VS_SGD: Preset = {
  id: 'sam-vs-sgd',
  size: 'full',
  label: 'SAM vs SGD',
  paper: 'Foret et al. 2021, Sharpness-Aware Minimization for Efficiently Improving Generalization',
  observation:
    'SAM reaches a solution with a lower top Hessian eigenvalue λ_max and a lower test error than SGD from the same initial weights and data order.',
  regime: `An over-parameterised MLP (50,890 weights, 1,000 images) trained 40 epochs to near-zero loss with plain SGD at lr 0.1, batch 32, where SGD's sharpness rises towards 2/η (Cohen et al. 2021) and SAM's implicit bias keeps it lower (Foret et al. 2021; Long & Bartlett 2023); ρ = 0.1, inside Foret et al.'s 0.05–0.2. ${PILOT} found SAM's λ_max 0.37–0.41× SGD's in every seed, test error slightly lower.`,
  train: { ...mlp(0.1), flat: { rho: 0.1 } },
  arms: arms('sgd', 'sam'),
  seeds: SEEDS,
  probe: { ...PROBE, directions: 0 },
  claims: [flatter('sam', 'sgd'), better('sam', 'sgd')],
};

const FOUR_REGIME = `Izmailov et al. 2018's and Foret et al. 2021's regime as in SWA vs SGD (MLP, 1,000 images, plain SGD at a constant lr of 0.3 to near-zero loss, 30 averaged snapshots from epoch 11) with SAM and WASAM at ρ = 0.1. WASAM here averages SAM's iterates at the constant lr, not Kaddour et al.'s cosine schedule from 75% of the budget: the long constant-LR phase is where averaging helps most. ${PILOT} found WASAM flatter than SAM in every seed.`;

export const KADDOUR: Preset = {
  id: 'kaddour',
  size: 'full',
  label: 'Kaddour et al. Obs. 1–3',
  paper: 'Kaddour et al. 2022, When Do Flat Minima Optimizers Work?',
  observation:
    'Obs. 1: θ(α) from the SGD solution to the SWA solution stays in one basin (no barrier). Obs. 2: to the SAM solution it crosses a barrier. Obs. 3: averaging SAM (WASAM) gives a flatter solution than SAM.',
  regime: FOUR_REGIME,
  train: { ...mlp(0.3), flat: { ...AVERAGING, rho: 0.1 } },
  arms: arms('sgd', 'swa', 'sam', 'wasam'),
  seeds: SEEDS,
  probe: PROBE,
  claims: [
    {
      kind: 'nearZero',
      text: 'θ(α) from SGD to SWA crosses no barrier above 0.02 (one basin)',
      measure: 'barrier',
      a: 'swa',
      tolerance: 0.02,
    },
    {
      kind: 'positive',
      text: 'θ(α) from SGD to SAM crosses a barrier above 0.02',
      measure: 'barrier',
      a: 'sam',
      tolerance: 0.02,
    },
    flatter('wasam', 'sam'),
    wider('wasam', 'sam'),
  ],
};

export const ALL_FOUR: Preset = {
  id: 'all-four',
  size: 'full',
  label: 'all four optimizers',
  paper: 'Izmailov et al. 2018; Foret et al. 2021; Kaddour et al. 2022',
  observation:
    'On one setup, the flat-minima optimizers (SWA, SAM, WASAM) find flatter solutions than SGD (lower λ_max, wider basins) that test better.',
  regime: FOUR_REGIME,
  train: KADDOUR.train,
  arms: arms('sgd', 'swa', 'sam', 'wasam'),
  seeds: SEEDS,
  probe: PROBE,
  claims: (['swa', 'sam', 'wasam'] as const).flatMap((o) => [
    flatter(o, 'sgd'),
    wider(o, 'sgd'),
    better(o, 'sgd'),
  ]),
};

export { FGE_VS_SWA } from './preset-fge';
export { M_SHARPNESS } from './preset-msharp';
export { SAM_ORDER } from './preset-sam-order';
export { MODE_CONNECTIVITY } from './preset-connect';

/** The presets offered as buttons, in order. */
export const PRESETS: readonly Preset[] = [
  SWA_VS_SGD,
  SAM_VS_SGD,
  KADDOUR,
  ALL_FOUR,
  FGE_VS_SWA,
  M_SHARPNESS,
  SAM_ORDER,
  MODE_CONNECTIVITY,
  SKIP_CONNECTIONS,
];

/**
 * The tiny variant of a preset for browser tests: the same optimizers, settings and claims on 64
 * images for 2 epochs, two seeds (the fewest with an interval) and few, small probes.
 */
export function quick(p: Preset): Preset {
  return {
    ...p,
    size: 'quick',
    label: `${p.label} (quick test)`,
    train: {
      ...p.train,
      subset: 64,
      epochs: 2,
      evalSamples: 32,
      // A cycle in steps (FGE's) shrinks to the quick run's epoch of 2 steps, so one fits.
      ...(p.train.flat?.cycle ? { flat: { ...p.train.flat, cycle: 2 } } : {}),
    },
    seeds: [1, 2],
    // Software WebGPU compiles a pipeline per new shape: few points on small samples.
    probe: {
      ...p.probe,
      directions: Math.min(p.probe.directions, 1),
      slicePoints: 5,
      evalSamples: 32,
      sharpnessSamples: 32,
      interpolationPoints: 5,
      testSamples: 200,
      ...(p.probe.curve && { curve: { ...p.probe.curve, epochs: 2, batchSize: 16 } }),
      // A 3×3 convexity map, at most 3 Hessian-vector products a point.
      ...(p.probe.curvature && { curvature: { ...p.probe.curvature, gridSize: 3, maxIter: 3 } }),
    },
  };
}

export const QUICK: readonly Preset[] = PRESETS.map(quick);

/** The preset of an id and size (the outcome names both). */
export function findPreset(id: Preset['id'], size: Preset['size']): Preset | undefined {
  return (size === 'quick' ? QUICK : PRESETS).find((p) => p.id === id);
}

/** The measures a preset's table shows: train loss and test error always, then the claims'. */
export function neededMeasures(preset: Preset): Set<Measure> {
  return new Set<Measure>(['trainLoss', 'testError', ...preset.claims.map((c) => c.measure)]);
}

/** The setup in one line per item, for the panel: dataset, subset, noise, model, budget, seeds. */
export function describeSetup(p: Preset): { term: string; value: string }[] {
  const t = p.train;
  const dataset = t.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST';
  const noise = t.flat?.labelNoise ?? 0;
  const f = t.flat ?? {};
  const extras = [
    f.rho !== undefined ? `ρ ${f.rho}` : '',
    f.swaStart !== undefined ? `averaging from epoch ${Math.ceil(f.swaStart * t.epochs)}` : '',
    f.swaLr !== undefined ? `SWA lr ${f.swaLr}` : '',
    f.schedule ? `${f.schedule} lr` : '',
  ].filter(Boolean);
  return [
    { term: 'Data', value: `${dataset}, ${t.subset} training images` },
    { term: 'Label noise', value: noise > 0 ? `${Math.round(noise * 100)}% of labels` : 'none' },
    { term: 'Model', value: t.model === 'custom' ? 'built in the regime above' : t.model },
    {
      term: 'Budget',
      value: `${t.epochs} epochs, batch ${t.batchSize}, lr ${t.lr}, momentum ${t.momentum}`,
    },
    { term: 'Optimizers', value: [p.arms.map((a) => a.label).join(', '), ...extras].join('; ') },
    { term: 'Seeds', value: `${p.seeds.join(', ')} (paired)` },
    { term: 'Test error on', value: `${p.probe.testSamples.toLocaleString('en')} test images` },
  ];
}
