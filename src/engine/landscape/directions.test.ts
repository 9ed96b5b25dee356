import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Params } from '../types';
import { disposeParams } from './combine';
import {
  cosine,
  directionPair,
  filterNormalizedDirection,
  orthogonalize,
  randomDirection,
} from './directions';
import { normalizeDirection } from './normalize';

/** A conv + BN + dense parameter set in TF.js layout. */
function makeParams(): Params {
  return {
    'layer0/kernel': tf.randomNormal([3, 3, 2, 4], 0, 0.5, 'float32', 1),
    'layer1/gamma': tf.randomUniform([4], 0.5, 1.5, 'float32', 2),
    'layer1/beta': tf.randomNormal([4], 0, 0.1, 'float32', 3),
    'layer5/kernel': tf.randomNormal([36, 3], 0, 0.2, 'float32', 4),
    'layer5/bias': tf.randomNormal([3], 0, 0.1, 'float32', 5),
  };
}

async function read(t: tf.Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/** Norms of each slice along the last axis. */
async function filterNorms(t: tf.Tensor): Promise<number[]> {
  const n = tf.tidy(() => tf.norm(tf.reshape(t, [-1, t.shape[t.rank - 1]!]), 'euclidean', 0));
  const v = await read(n);
  n.dispose();
  return v;
}

async function snapshot(p: Params): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [k, t] of Object.entries(p)) out[k] = await read(t);
  return out;
}

describe('random directions', () => {
  it('are deterministic under a seed and differ across seeds', async () => {
    const params = makeParams();
    const a = randomDirection(params, 7);
    const b = randomDirection(params, 7);
    const c = randomDirection(params, 8);
    for (const name of Object.keys(params)) {
      expect(a[name]!.shape).toEqual(params[name]!.shape);
      expect(await read(a[name]!)).toEqual(await read(b[name]!));
      expect(await read(a[name]!)).not.toEqual(await read(c[name]!));
    }
    // Different tensors of one direction get different streams.
    const k = await read(a['layer1/gamma']!);
    expect(k).not.toEqual(await read(a['layer1/beta']!));
    [params, a, b, c].forEach(disposeParams);
  });
});

describe('Li et al. normalisation', () => {
  it('filter: each output filter (last axis) gets the norm of the weight filter', async () => {
    const params = makeParams();
    const d = filterNormalizedDirection(params, 3);
    for (const name of ['layer0/kernel', 'layer5/kernel']) {
      const got = await filterNorms(d[name]!);
      const want = await filterNorms(params[name]!);
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 5));
    }
    [params, d].forEach(disposeParams);
  });

  it('filter: keeps each filter direction (positive rescaling of the raw direction)', async () => {
    const params = makeParams();
    const raw = randomDirection(params, 3);
    const d = normalizeDirection(raw, params);
    const r = await read(raw['layer5/kernel']!);
    const n = await read(d['layer5/kernel']!);
    // Within column j every element is scaled by the same positive factor.
    for (let j = 0; j < 3; j++) {
      const ratio = n[j]! / r[j]!;
      expect(ratio).toBeGreaterThan(0);
      for (let i = 0; i < 36; i++) expect(n[i * 3 + j]!).toBeCloseTo(r[i * 3 + j]! * ratio, 5);
    }
    [params, raw, d].forEach(disposeParams);
  });

  it('layer: the whole tensor gets the norm of the weights', async () => {
    const params = makeParams();
    const raw = randomDirection(params, 4);
    const d = normalizeDirection(raw, params, { normalization: 'layer' });
    for (const name of ['layer0/kernel', 'layer5/kernel']) {
      const [got, want] = [tf.norm(d[name]!), tf.norm(params[name]!)];
      expect((await read(got))[0]).toBeCloseTo((await read(want))[0]!, 5);
      tf.dispose([got, want]);
    }
    [params, raw, d].forEach(disposeParams);
  });

  it('ignoreBiasBn zeroes rank ≤ 1 tensors; false copies the weights', async () => {
    const params = makeParams();
    const zeroed = filterNormalizedDirection(params, 5);
    const kept = filterNormalizedDirection(params, 5, { ignoreBiasBn: false });
    for (const name of ['layer1/gamma', 'layer1/beta', 'layer5/bias']) {
      expect((await read(zeroed[name]!)).every((v) => v === 0)).toBe(true);
      expect(await read(kept[name]!)).toEqual(await read(params[name]!));
    }
    // Rank ≥ 2 tensors are the same either way.
    expect(await read(kept['layer0/kernel']!)).toEqual(await read(zeroed['layer0/kernel']!));
    [params, zeroed, kept].forEach(disposeParams);
  });

  it('none keeps rank ≥ 2 tensors as they are', async () => {
    const params = makeParams();
    const raw = randomDirection(params, 6);
    const d = normalizeDirection(raw, params, { normalization: 'none' });
    expect(await read(d['layer0/kernel']!)).toEqual(await read(raw['layer0/kernel']!));
    expect((await read(d['layer5/bias']!)).every((v) => v === 0)).toBe(true);
    [params, raw, d].forEach(disposeParams);
  });

  it('modifies neither input and leaks no tensors', async () => {
    const params = makeParams();
    const raw = randomDirection(params, 9);
    const before = [await snapshot(params), await snapshot(raw)];
    const count = tf.memory().numTensors;
    const d = normalizeDirection(raw, params);
    disposeParams(d);
    const pair = directionPair(params, 1, { orthogonalize: true });
    pair.forEach(disposeParams);
    const c = cosine(params, raw);
    c.dispose();
    expect(tf.memory().numTensors).toBe(count);
    expect([await snapshot(params), await snapshot(raw)]).toEqual(before);
    [params, raw].forEach(disposeParams);
  });
});

describe('orthogonalisation', () => {
  it('gives cosine ≈ 0 and keeps d1', async () => {
    const params = makeParams();
    const d1 = randomDirection(params, 1);
    const d2 = randomDirection(params, 2);
    // Make them strongly correlated first so the test means something.
    const mixed: Params = {};
    for (const k of Object.keys(d1)) mixed[k] = tf.add(d1[k]!, tf.mul(d2[k]!, 0.3));
    const c0 = cosine(d1, mixed);
    expect((await read(c0))[0]).toBeGreaterThan(0.9);
    const o = orthogonalize(d1, mixed);
    const c1 = cosine(d1, o);
    expect(Math.abs((await read(c1))[0]!)).toBeLessThan(1e-5);
    tf.dispose([c0, c1]);
    [params, d1, d2, mixed, o].forEach(disposeParams);
  });

  it('directionPair: reproducible, and orthogonal when asked', async () => {
    const params = makeParams();
    const [a1, a2] = directionPair(params, 11, { orthogonalize: true });
    const [b1] = directionPair(params, 11);
    expect(await read(a1['layer0/kernel']!)).toEqual(await read(b1['layer0/kernel']!));
    const c = cosine(a1, a2);
    expect(Math.abs((await read(c))[0]!)).toBeLessThan(1e-5);
    c.dispose();
    [params, a1, a2, b1].forEach(disposeParams);
  });
});
