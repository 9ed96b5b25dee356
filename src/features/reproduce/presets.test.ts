import { describe, expect, it } from 'vitest';
import { COMPARE_ORDER } from '../../domain/optimizers';
import { LIMITS, type NumberSpec } from '../../store/limits';
import { resolveFlat } from '../../domain/api-defaults';
import { visibleFields } from '../controls/flat-fields';
import { swaPlan } from '../../worker/optimizer-config';
import { describeSetup, findPreset, PRESETS, QUICK, quick, type Preset } from './presets';

function within(value: number, spec: NumberSpec): boolean {
  return value >= spec.min && value <= spec.max && (!spec.integer || Number.isInteger(value));
}

/** Every problem of a preset's configuration, as text (empty when valid). */
function problems(p: Preset): string[] {
  const out: string[] = [];
  const t = p.train;
  const check = (name: string, v: number, spec: NumberSpec) => {
    if (!within(v, spec)) out.push(`${name} = ${v}`);
  };
  if (t.subset !== 0) check('subset', t.subset, LIMITS.subset);
  check('lr', t.lr, LIMITS.lr);
  check('momentum', t.momentum, LIMITS.momentum);
  check('weightDecay', t.weightDecay, LIMITS.weightDecay);
  check('batchSize', t.batchSize, LIMITS.batchSize);
  check('epochs', t.epochs, LIMITS.epochs);
  check('evalSamples', t.evalSamples, LIMITS.evalSamples);
  if (t.subset !== 0 && t.batchSize > t.subset) out.push('batch larger than the subset');
  p.seeds.forEach((s) => check('seed', s, LIMITS.seed));
  check('slicePoints', p.probe.slicePoints, LIMITS.slicePoints);
  check('probe evalSamples', p.probe.evalSamples, LIMITS.evalSamples);
  check('testSamples', p.probe.testSamples, LIMITS.evalSamples);
  check('interpolationPoints', p.probe.interpolationPoints, LIMITS.slicePoints);
  if (p.probe.sharpnessSamples < 1) out.push('no sharpness samples');
  for (const [key, v] of Object.entries(t.flat ?? {})) {
    const spec = (LIMITS as Record<string, NumberSpec>)[key];
    if (typeof v === 'number' && spec && !within(v, spec)) out.push(`${key} = ${v}`);
    // A setting must matter to at least one of the preset's optimizers (label noise is data,
    // the schedule drives every optimizer).
    const used = p.optimizers.some((o) =>
      visibleFields(o, resolveFlat(o, t.lr, t.flat)).has(key as never),
    );
    if (key !== 'labelNoise' && key !== 'schedule' && !used)
      out.push(`${key} applies to none of the optimizers`);
  }
  for (const o of p.optimizers) if (!COMPARE_ORDER.includes(o)) out.push(`optimizer ${o}`);
  for (const c of p.claims) {
    const named = 'b' in c ? [c.a, c.b] : [c.a];
    if (!named.every((o) => p.optimizers.includes(o))) out.push(`claim "${c.text}"`);
    if (c.measure === 'barrier' && !p.optimizers.includes('sgd')) out.push('barrier needs SGD');
    if (c.measure === 'basinWidth' && p.probe.directions < 1) out.push('no basin directions');
  }
  return out;
}

/** Training steps of a preset, the bulk of its cost. */
const steps = (p: Preset) =>
  p.seeds.length *
  p.optimizers.length *
  p.train.epochs *
  Math.floor(p.train.subset / p.train.batchSize);

const SMOKE = QUICK[0]!;

/** Averaged snapshots of an averaging optimizer in a preset (once per epoch, or every k steps). */
function snapshots(p: Preset, o: 'swa' | 'wasam'): number {
  const spe = Math.floor(p.train.subset / p.train.batchSize);
  const plan = swaPlan(resolveFlat(o, p.train.lr, p.train.flat), p.train.epochs, spe);
  return Math.floor((p.train.epochs * spe - plan.startStep) / plan.every) + 1;
}

describe('Reproduce presets', () => {
  it.each([...PRESETS, ...QUICK].map((p) => [`${p.id} (${p.size})`, p] as const))(
    '%s is within the limits and the optimizers’ options',
    (_id, preset) => {
      expect(problems(preset)).toEqual([]);
    },
  );

  it('catches what is out of range (the check itself can fail)', () => {
    const bad: Preset = {
      ...SMOKE,
      train: { ...SMOKE.train, lr: 50, batchSize: 128, flat: { rho: 0.1, swaStart: 2 } },
      claims: [{ ...SMOKE.claims[0]!, a: 'sam' } as Preset['claims'][number]],
    };
    const found = problems(bad).join('; ');
    for (const text of ['lr = 50', 'batch larger', 'swaStart = 2', 'rho applies', 'claim'])
      expect(found).toContain(text);
  });

  it('judges on five paired seeds and the whole test set, and has a tiny variant of each', () => {
    for (const p of PRESETS) {
      expect(p.seeds.length).toBeGreaterThanOrEqual(5);
      expect(p.probe.testSamples).toBe(10_000);
      const q = quick(p);
      expect(q.claims).toEqual(p.claims);
      expect(q.optimizers).toEqual(p.optimizers);
      expect(q.train.flat).toEqual(p.train.flat);
      expect(q.seeds.length).toBeGreaterThanOrEqual(2);
      expect(steps(q) * 100).toBeLessThan(steps(p));
      expect(findPreset(p.id, 'quick')).toEqual(q);
      expect(findPreset(p.id, 'full')).toBe(p);
    }
  });

  it('trains in the regimes the papers predict an effect in', () => {
    for (const p of PRESETS) {
      const t = p.train;
      // Over-parameterised: the 784-64-10 MLP has 50,890 weights for 1,000 images.
      expect(t.model).toBe('mlp');
      expect(t.subset).toBe(1000);
      // Plain SGD long enough to reach near-zero loss (1,240 steps), so 2/η is the threshold.
      expect(t.momentum).toBe(0);
      expect(steps(p) / p.seeds.length / p.optimizers.length).toBe(1240);
      expect(p.regime).toMatch(/20(1[0-9]|2[0-9])/);
      if (p.optimizers.includes('sam')) {
        const rho = resolveFlat('sam', t.lr, t.flat).rho;
        expect(rho).toBeGreaterThanOrEqual(0.05);
        expect(rho).toBeLessThanOrEqual(0.2);
      }
      for (const o of ['swa', 'wasam'] as const) {
        if (!p.optimizers.includes(o)) continue;
        // A long constant-LR phase with ≥ 10 averaged snapshots (30: epochs 11 to 40).
        expect(resolveFlat(o, t.lr, t.flat).schedule).toBe('constant');
        expect(snapshots(p, o)).toBe(30);
      }
    }
    expect(SMOKE.label).toBe('SWA vs SGD (quick test)');
  });

  it('states the whole setup', () => {
    const setup = describeSetup(PRESETS[1]!);
    expect(setup.map((d) => d.term)).toEqual([
      'Data',
      'Label noise',
      'Model',
      'Budget',
      'Optimizers',
      'Seeds',
      'Test error on',
    ]);
    expect(setup[4]!.value).toBe('SGD, SAM; ρ 0.1');
    expect(setup[6]!.value).toBe('10,000 test images');
    expect(describeSetup(PRESETS[0]!)[4]!.value).toBe(
      'SGD, SWA; averaging from epoch 11; constant lr',
    );
  });
});
