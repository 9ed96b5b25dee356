/**
 * The Reproduce presets (domain data) against the controls (a feature): every value a preset sets
 * is one a user could type, and every optimizer setting it changes is shown for one of its
 * optimizers. The check spans two layers that may not import each other, so it lives here.
 */
import { describe, expect, it } from 'vitest';
import { COMPARE_ORDER } from '../domain/optimizers';
import { resolveFlat } from '../domain/api-defaults';
import { PRESETS, QUICK, type Preset } from '../domain/reproduce/presets';
import { visibleFields } from '../features/controls/flat-fields';
import { RANGES, type NumberSpec } from '../schema';

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
  if (t.subset !== 0) check('subset', t.subset, RANGES.subset);
  check('lr', t.lr, RANGES.lr);
  check('momentum', t.momentum, RANGES.momentum);
  check('weightDecay', t.weightDecay, RANGES.weightDecay);
  check('batchSize', t.batchSize, RANGES.batchSize);
  check('epochs', t.epochs, RANGES.epochs);
  check('evalSamples', t.evalSamples, RANGES.evalSamples);
  if (t.subset !== 0 && t.batchSize > t.subset) out.push('batch larger than the subset');
  p.seeds.forEach((s) => check('seed', s, RANGES.seed));
  check('slicePoints', p.probe.slicePoints, RANGES.slicePoints);
  check('probe evalSamples', p.probe.evalSamples, RANGES.evalSamples);
  check('testSamples', p.probe.testSamples, RANGES.evalSamples);
  check('interpolationPoints', p.probe.interpolationPoints, RANGES.slicePoints);
  if (p.probe.sharpnessSamples < 1) out.push('no sharpness samples');
  for (const [key, v] of Object.entries(t.flat ?? {})) {
    const spec = (RANGES as Record<string, NumberSpec>)[key];
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

const SMOKE = QUICK[0]!;

describe('Reproduce presets meet the controls', () => {
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
});
