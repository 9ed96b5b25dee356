import { describe, expect, it } from 'vitest';
import { resolveFlat } from '../domain/api-defaults';
import type { FlatMinimaSettings, OptimizerId, TrainConfig } from '../domain/api';
import { PRESETS, type Preset } from '../domain/reproduce/presets';
import { optimizerPlan, swaPlan } from './optimizer-config';
import { tinyConfig } from './testing/trained-api';

const SPE = 5;
const config = (
  optimizer: OptimizerId,
  epochs: number,
  flat: Partial<FlatMinimaSettings> = {},
): TrainConfig => tinyConfig({ optimizer, lr: 0.1, epochs, flat });
/** The lr of the first step of every 1-based epoch. */
const perEpoch = (cfg: TrainConfig) =>
  Array.from({ length: cfg.epochs }, (_, e) => optimizerPlan(cfg, SPE).lr(e + 1, e * SPE + 1));

describe('paper defaults of the optimizer plan', () => {
  it('WASAM (Kaddour et al.´s code): cosine over all epochs, averaging from epoch int(0.75·E)', () => {
    const cfg = config('wasam', 10);
    const plan = optimizerPlan(cfg, SPE);
    expect(plan.flat.schedule).toBe('cosine');
    // torch CosineAnnealingLR(T_max = E), stepped after each epoch: epoch e runs at t = e − 1.
    const want = Array.from({ length: 10 }, (_, t) => 0.05 * (1 + Math.cos((Math.PI * t) / 10)));
    perEpoch(cfg).forEach((lr, i) => expect(lr).toBeCloseTo(want[i]!, 12));
    // MultipleSWAModels: `epoch >= int(0.75·10) = 7` (1-based), so the average takes epochs 7–10.
    expect(plan.swa).toEqual({ startStep: 7 * SPE, every: SPE });
    // SWA keeps ⌈0.75·E⌉ = 8: the two differ whenever p·E is not whole.
    expect(optimizerPlan(config('swa', 10), SPE).swa).toEqual({ startStep: 8 * SPE, every: SPE });
    const flat = resolveFlat('wasam', 0.1, {});
    expect(swaPlan({ ...flat, swaStart: 0.05 }, 10, SPE, 'wasam').startStep).toBe(SPE);
  });

  it('SGD baseline of Izmailov et al.´s code: lr until E/2, linear to 0.01·lr at 0.9·E', () => {
    const cfg = config('sgd', 10, { schedule: 'sgd_baseline' });
    // train.py without --swa: t = epoch/E (0-based epoch), lr_ratio = 0.01.
    const izmailov = (epoch: number) => {
      const t = epoch / 10;
      const factor = t <= 0.5 ? 1 : t <= 0.9 ? 1 - ((1 - 0.01) * (t - 0.5)) / 0.4 : 0.01;
      return 0.1 * factor;
    };
    perEpoch(cfg).forEach((lr, e) => expect(lr).toBeCloseTo(izmailov(e), 12));
    expect(perEpoch(cfg).at(-1)).toBeCloseTo(0.001, 12);
    expect(optimizerPlan(cfg, SPE).optimizer).toMatchObject({ type: 'sgd', lr: 0.1 });
  });

  it('SWALR: anneal epochs and strategy are the user´s', () => {
    const flat = { schedule: 'swalr', swaLr: 0.02, annealEpochs: 2 } as const;
    const lin = perEpoch(config('swa', 8, { ...flat, annealStrategy: 'linear' }));
    const cos = perEpoch(config('swa', 8, flat));
    // Averaging from epoch 6: lr until then, then 1 and 2 epochs into the annealing.
    expect(lin.slice(0, 6)).toEqual(Array(6).fill(0.1));
    expect(lin[6]).toBeCloseTo(0.06, 12); // linear: halfway from 0.1 to 0.02
    expect(cos[6]).toBeCloseTo(0.06, 12); // cos: (1 − cos(π/2))/2 = ½ too …
    expect(lin[7]).toBeCloseTo(0.02, 12);
    const cos3 = perEpoch(config('swa', 8, { ...flat, annealEpochs: 3 }));
    const lin3 = perEpoch(config('swa', 8, { ...flat, annealEpochs: 3, annealStrategy: 'linear' }));
    // … but a third of the way they differ: cos weight (1 − cos(π/3))/2 = ¼, linear ⅓.
    expect(cos3[6]).toBeCloseTo(0.1 - 0.25 * 0.08, 12);
    expect(lin3[6]).toBeCloseTo(0.1 - (1 / 3) * 0.08, 12);
  });

  it('ASAM defaults to ρ = 2 (davda54/sam adaptive=True) unless ρ is set', () => {
    expect(optimizerPlan(config('sam', 2, { adaptive: true }), SPE).optimizer).toMatchObject({
      type: 'sam',
      adaptive: true,
      rho: 2,
    });
    const set = optimizerPlan(config('sam', 2, { adaptive: true, rho: 0.5 }), SPE).optimizer;
    expect(set).toMatchObject({ rho: 0.5 });
  });
});

/** Averaged snapshots of an averaging optimizer in a preset (once per epoch, or every k steps). */
function snapshots(p: Preset, o: 'swa' | 'wasam'): number {
  const spe = Math.floor(p.train.subset / p.train.batchSize);
  const plan = swaPlan(resolveFlat(o, p.train.lr, p.train.flat), p.train.epochs, spe);
  return Math.floor((p.train.epochs * spe - plan.startStep) / plan.every) + 1;
}

describe('the Reproduce presets’ averaging', () => {
  it('takes ≥ 10 averaged snapshots in a long constant-lr phase (30: epochs 11 to 40)', () => {
    for (const p of PRESETS)
      for (const o of ['swa', 'wasam'] as const)
        if (p.arms.some((a) => a.optimizer === o)) expect(snapshots(p, o)).toBe(30);
  });
});
