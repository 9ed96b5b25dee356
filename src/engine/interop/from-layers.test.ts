import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { apply } from '../model/apply';
import { fromLayersModel } from './from-layers';

const DIR = join(__dirname, '../../../test/fixtures/layers-model');

/** A model saved by TF.js (scripts/make-layers-model-fixtures.mjs), loaded as TF.js loads it. */
async function load(name: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(DIR, name, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const bin = readFileSync(join(DIR, name, json.weightsManifest[0]!.paths[0]!));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]!.weights,
      weightData,
    }),
  );
}

/**
 * Largest |ours − TF.js predict| over a batch: probabilities when the model ends in a softmax
 * (ours through a softmax of the logits), else logits against logits.
 */
async function gap(model: tf.LayersModel, x: tf.Tensor4D, flatInput: boolean): Promise<number> {
  const converted = fromLayersModel(model);
  const input = flatInput ? x.reshape([x.shape[0], -1]) : x;
  const theirs = model.predict(input) as tf.Tensor;
  if (input !== x) input.dispose();
  const { logits } = apply(converted.spec, converted.params, converted.state, x, 'eval');
  const softmax = converted.notes.some((n) => n.includes('softmax'));
  const ours = softmax ? tf.softmax(logits) : tf.clone(logits);
  const largest = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))));
  const diff = await largest.data();
  largest.dispose();
  tf.dispose([
    theirs,
    logits,
    ours,
    ...Object.values(converted.params),
    ...Object.values(converted.state),
  ]);
  return diff[0]!;
}

describe('TF.js LayersModel import', () => {
  it('a saved CNN (conv same/valid, relu, max pool, batch norm, dropout, softmax) predicts as TF.js does', async () => {
    const model = await load('cnn');
    const converted = fromLayersModel(model);
    expect(converted.spec.layers.map((l) => l.type)).toEqual([
      'conv2d',
      'relu',
      'maxpool',
      'conv2d',
      'batchnorm',
      'relu',
      'flatten',
      'dense',
    ]);
    expect(converted.notes.join(' ')).toMatch(/softmax is left to the loss/);
    expect(converted.notes.join(' ')).toMatch(/dropout is left out/);
    // Keras momentum 0.9 keeps 90% of the old statistics: the engine weighs the batch by 0.1.
    expect(converted.spec.layers[4]).toMatchObject({ type: 'batchnorm', eps: 1e-3 });
    expect((converted.spec.layers[4] as { momentum: number }).momentum).toBeCloseTo(0.1, 12);
    tf.dispose([...Object.values(converted.params), ...Object.values(converted.state)]);
    const x = tf.randomUniform([16, 8, 8, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    expect(await gap(model, x, false)).toBeLessThan(1e-5);
    x.dispose();
    model.dispose();
  });

  it('a saved MLP on flat inputs becomes flatten + dense layers with the same outputs', async () => {
    const model = await load('mlp');
    const x = tf.randomUniform([8, 1, 1, 784], 0, 1, 'float32', 4) as tf.Tensor4D;
    expect(await gap(model, x, true)).toBeLessThan(1e-5);
    // Once TF.js's own first-predict tensors exist, a conversion and comparison leave nothing.
    const before = tf.memory().numTensors;
    await gap(model, x, true);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('names every layer it cannot take, and keeps nothing', () => {
    const m = tf.sequential();
    m.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, strides: 2 }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 4, activation: 'sigmoid' }));
    m.add(tf.layers.dense({ units: 3 }));
    const before = tf.memory().numTensors;
    expect(() => fromLayersModel(m)).toThrow(
      /Unsupported layers: conv2d_\w+ \(Conv2D: strides 2×2 \(stride 1 only\)\); dense_\w+ \(Dense: activation 'sigmoid'\)/,
    );
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('refuses a model whose layers branch', () => {
    const input = tf.input({ shape: [4] });
    const a = tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor;
    const sum = tf.layers.add().apply([a, b]) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: sum });
    expect(() => fromLayersModel(m)).toThrow(/only chains of layers/);
    m.dispose();
  });
});
