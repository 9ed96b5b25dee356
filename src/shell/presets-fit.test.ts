/**
 * The Reproduce presets (domain data) against the controls (a feature): every value a preset sets
 * is one a user could type, and every optimizer setting it changes is shown for one of its
 * optimizers. The check spans two layers that may not import each other, so it lives here.
 */
import { describe, expect, it } from 'vitest';
import { COMPARE_ORDER } from '../domain/optimizers';
import { resolveFlat } from '../domain/api-defaults';
import {
  armConfig,
  armSeed,
  PRESETS,
  QUICK,
  type Arm,
  type Preset,
} from '../domain/reproduce/presets';
import { visibleFields } from '../features/controls/flat-fields';
import { RANGES, type NumberSpec } from '../schema';

function within(value: number, spec: NumberSpec): boolean {
  return value >= spec.min && value <= spec.max && (!spec.integer || Number.isInteger(value));
}

/** Problems of one arm's training settings (the preset's with the arm's over them). */
function armProblems(p: Preset, arm: Arm, check: Check): string[] {
  const out: string[] = [];
  const t = armConfig(p, arm, p.seeds[0] ?? 1);
  if (t.subset !== 0) check('subset', t.subset, RANGES.subset);
  check('lr', t.lr, RANGES.lr);
  check('momentum', t.momentum, RANGES.momentum);
  check('weightDecay', t.weightDecay, RANGES.weightDecay);
  check('batchSize', t.batchSize, RANGES.batchSize);
  check('epochs', t.epochs, RANGES.epochs);
  check('evalSamples', t.evalSamples, RANGES.evalSamples);
  p.seeds.forEach((s) => check('seed', armSeed(arm, s), RANGES.seed));
  if (t.subset !== 0 && t.batchSize > t.subset) out.push('batch larger than the subset');
  if (!COMPARE_ORDER.includes(arm.optimizer)) out.push(`arm ${arm.id}`);
  for (const [key, v] of Object.entries(t.flat ?? {})) {
    const spec = (RANGES as Record<string, NumberSpec>)[key];
    if (typeof v === 'number' && spec) check(key, v, spec);
  }
  // An arm's own optimizer setting must be one its optimizer shows.
  const shown = visibleFields(arm.optimizer, resolveFlat(arm.optimizer, t.lr, t.flat));
  for (const key of Object.keys(arm.train?.flat ?? {}))
    if (key !== 'labelNoise' && key !== 'schedule' && !shown.has(key as never))
      out.push(`${key} applies to none of the optimizers`);
  return out;
}

type Check = (name: string, v: number, spec: NumberSpec) => void;

/** Every problem of a preset's configuration, as text (empty when valid). */
function problems(p: Preset): string[] {
  const out: string[] = [];
  const check: Check = (name, v, spec) => {
    if (!within(v, spec)) out.push(`${name} = ${v}`);
  };
  for (const a of p.arms) out.push(...armProblems(p, a, check));
  check('slicePoints', p.probe.slicePoints, RANGES.slicePoints);
  check('probe evalSamples', p.probe.evalSamples, RANGES.evalSamples);
  check('testSamples', p.probe.testSamples, RANGES.evalSamples);
  check('interpolationPoints', p.probe.interpolationPoints, RANGES.slicePoints);
  if (p.probe.sharpnessSamples < 1) out.push('no sharpness samples');
  // A preset setting must matter to at least one of its arms (label noise is data, the
  // schedule drives every optimizer).
  for (const key of Object.keys(p.train.flat ?? {})) {
    const used = p.arms.some((a) => {
      const t = armConfig(p, a, 1);
      return visibleFields(a.optimizer, resolveFlat(a.optimizer, t.lr, t.flat)).has(key as never);
    });
    if (key !== 'labelNoise' && key !== 'schedule' && !used)
      out.push(`${key} applies to none of the optimizers`);
  }
  const ids = p.arms.map((a) => a.id);
  if (new Set(ids).size !== ids.length) out.push('two arms share an id');
  for (const c of p.claims) {
    const named = 'b' in c ? [c.a, c.b] : [c.a];
    if (!named.every((id) => ids.includes(id))) out.push(`claim "${c.text}"`);
    if (c.measure === 'basinWidth' && p.probe.directions < 1) out.push('no basin directions');
  }
  return [...new Set(out)];
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
