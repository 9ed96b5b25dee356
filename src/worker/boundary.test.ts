import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { paramShapes } from '../domain/model';
import type { ModelSpec } from '../engine/types';
import { MODEL_ZOO } from '../engine/model/zoo';
import { initModel } from '../engine/model/init';
import { boundaryAxis, gridBatch, predictAt } from './boundary';
import { trainedApi, tinyConfig, tinyLandscape } from './testing/trained-api';
import { generateToy } from '../data/toy';
import { TOY_DEFAULTS } from '../domain/toy-data';

const toy = { trainSize: 120, testSize: 40, noise: 0.1, seed: 2 };
const run = tinyConfig({
  dataset: 'spirals',
  model: 'mlp',
  subset: 0,
  batchSize: 20,
  epochs: 2,
  seed: 4,
  evalSamples: 40,
  toy,
});

/**
 * The MLP's forward pass written out in plain JavaScript (flatten, dense, relu, dense) from the
 * flat weights in `paramShapes` order: softmax probabilities of one point.
 */
function forward(spec: ModelSpec, flat: Float32Array, x: number, y: number): number[] {
  const shapes = paramShapes(spec);
  const at: Record<string, Float32Array> = {};
  let offset = 0;
  for (const p of shapes) {
    const n = p.shape.reduce((a, b) => a * b, 1);
    at[p.name] = flat.subarray(offset, offset + n);
    offset += n;
  }
  let h = [x, y];
  spec.layers.forEach((layer, i) => {
    if (layer.type === 'relu') h = h.map((v) => Math.max(v, 0));
    if (layer.type !== 'dense') return;
    const kernel = at[`layer${i}/kernel`]!;
    const bias = at[`layer${i}/bias`]!;
    h = Array.from({ length: layer.units }, (_, o) =>
      h.reduce((s, v, k) => s + v * kernel[k * layer.units + o]!, bias[o]!),
    );
  });
  const m = Math.max(...h);
  const e = h.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

async function flatOf(spec: ModelSpec, params: Record<string, tf.Tensor>): Promise<Float32Array> {
  const parts = await Promise.all(paramShapes(spec).map((p) => params[p.name]!.data()));
  return Float32Array.from(parts.flatMap((a) => Array.from(a)));
}

describe('predictAt', () => {
  it('equals a direct forward pass at w + t·d', async () => {
    const spec = MODEL_ZOO.mlp.spec([1, 1, 2], 3);
    const w = initModel(spec, 1).params;
    const d = initModel(spec, 2).params;
    const axis = [-4, -1, 0.5, 3];
    const x = gridBatch(axis);
    const t = 0.7;
    const out = await predictAt(spec, w, {}, [d], [t], x);
    const [fw, fd] = [await flatOf(spec, w), await flatOf(spec, d)];
    const moved = fw.map((v, i) => v + t * fd[i]!);
    axis.forEach((yv, j) =>
      axis.forEach((xv, i) => {
        const probs = forward(spec, moved, xv, yv);
        expect(out.predicted[j * 4 + i]).toBe(probs.indexOf(Math.max(...probs)));
        expect(out.confidence[j * 4 + i]).toBeCloseTo(Math.max(...probs), 5);
      }),
    );
    tf.dispose([x, ...Object.values(w), ...Object.values(d)]);
  });
});

describe('the decision boundary through the worker API', () => {
  it('equals a direct forward pass of the trained weights at every grid point', async () => {
    const { api, runId } = await trainedApi(run);
    const size = 15;
    const b = await api.decisionBoundary(0, size);
    const exported = await api.exportRun(runId);
    const spec = MODEL_ZOO.mlp.spec([1, 1, 2], 2);
    const ds = generateToy('spirals', { ...TOY_DEFAULTS, ...toy });
    expect(b.xs).toEqual(boundaryAxis(ds.train, size));
    expect(b.xs[0]).toBe(-b.xs[size - 1]!);
    expect(b.predicted).toHaveLength(size * size);
    for (let j = 0; j < size; j++) {
      for (let i = 0; i < size; i++) {
        const probs = forward(spec, exported!.weights.final!, b.xs[i]!, b.ys[j]!);
        const k = j * size + i;
        const best = probs.indexOf(Math.max(...probs));
        // A tie within float32 rounding may go either way.
        if (Math.abs(probs[0]! - probs[1]!) > 1e-5) expect(b.predicted[k]).toBe(best);
        expect(b.confidence[k]).toBeCloseTo(Math.max(...probs), 5);
      }
    }
    expect(b.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    // The points drawn are those trained on: the whole training split, with its labels.
    expect(b.points.x).toHaveLength(toy.trainSize);
    expect(b.points.label.filter((c) => c === 1).length).toBe(
      Array.from(ds.train.labels).filter((c) => c === 1).length,
    );
  });

  it('moves along the slice direction: deterministic at t, different far from w, no leak', async () => {
    const { api } = await trainedApi(run);
    await expect(api.decisionBoundary(0.5, 10)).rejects.toThrow(/1D slice/);
    await api.slice1d(tinyLandscape({ sliceRange: 1, seed: 1 }), () => undefined);
    const at0 = await api.decisionBoundary(0, 10);
    const before = tf.memory().numTensors;
    const a = await api.decisionBoundary(3, 10);
    const again = await api.decisionBoundary(3, 10);
    expect(tf.memory().numTensors).toBe(before);
    expect(again).toEqual(a);
    expect(a.t).toBe(3);
    expect(a.confidence).not.toEqual(at0.confidence);
    // The weights themselves do not move.
    expect(await api.decisionBoundary(0, 10)).toEqual(at0);
  });

  it('is refused for image datasets', async () => {
    const { api } = await trainedApi(tinyConfig({ seed: 3 }));
    await expect(api.decisionBoundary(0, 10)).rejects.toThrow(/toy 2-D datasets/);
  });
});
