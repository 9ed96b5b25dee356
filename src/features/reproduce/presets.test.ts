import { describe, expect, it } from 'vitest';
import { COMPARE_ORDER } from '../../store/defaults';
import { LIMITS, type NumberSpec } from '../../store/limits';
import { resolveFlat } from '../../worker/api-defaults';
import type { FlatMinimaSettings } from '../../worker/api';
import { visibleFields } from '../controls/flat-fields';
import { describeSetup, PRESETS, SMOKE, type Preset } from './presets';

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
  check('interpolationPoints', p.probe.interpolationPoints, LIMITS.slicePoints);
  if (p.probe.sharpnessSamples < 1) out.push('no sharpness samples');
  for (const [key, v] of Object.entries(t.flat ?? {})) {
    const spec = (LIMITS as Record<string, NumberSpec>)[key];
    if (typeof v === 'number' && spec && !within(v, spec)) out.push(`${key} = ${v}`);
    // A setting must matter to at least one of the preset's optimizers (label noise is data).
    const used = p.optimizers.some((o) =>
      visibleFields(o, resolveFlat(o, t.lr, t.flat)).has(key as never),
    );
    if (key !== 'labelNoise' && !used) out.push(`${key} applies to none of the optimizers`);
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
  Math.ceil(p.train.subset / p.train.batchSize);

describe('Reproduce presets', () => {
  it.each([...PRESETS, SMOKE].map((p) => [p.id, p] as const))(
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

  it('has several seeds where the budget allows, and a smoke variant far smaller than any', () => {
    for (const p of PRESETS) expect(p.seeds.length).toBeGreaterThanOrEqual(2);
    expect(SMOKE.train.subset).toBeLessThanOrEqual(64);
    expect(SMOKE.train.epochs).toBeLessThanOrEqual(2);
    for (const p of PRESETS) expect(steps(SMOKE) * 20).toBeLessThan(steps(p));
    expect(SMOKE.claims).toEqual(PRESETS[0]!.claims);
  });

  it('states the whole setup', () => {
    const setup = describeSetup(PRESETS[1]!).map((d) => d.term);
    expect(setup).toEqual(['Data', 'Label noise', 'Model', 'Budget', 'Optimizers', 'Seeds']);
    expect(describeSetup(PRESETS[1]!)[1]!.value).toBe('20% of labels');
    const noise = (p: Preset) => (p.train.flat as Partial<FlatMinimaSettings>)?.labelNoise ?? 0;
    expect(PRESETS.some((p) => noise(p) > 0)).toBe(true);
  });
});
