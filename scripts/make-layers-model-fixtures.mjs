// Writes TF.js LayersModel fixtures (model.json + weights .bin) with TF.js itself, as
// `model.save` does, for the import tests (src/engine/interop/from-layers.test.ts).
// Run: node scripts/make-layers-model-fixtures.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'layers-model');

/** A CNN with every supported layer kind, and the Keras defaults (softmax on the last Dense). */
function cnn() {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [8, 8, 1],
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
    }),
  );
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'valid', useBias: false }));
  m.add(tf.layers.batchNormalization({ epsilon: 1e-3, momentum: 0.9 }));
  m.add(tf.layers.activation({ activation: 'relu' }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dropout({ rate: 0.25 }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

/** An MLP on flat inputs, as a Keras MLP on MNIST would be saved. */
function mlp() {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [784], units: 16, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 10 }));
  return m;
}

/** A small CNN with BatchNorm on MNIST-shaped inputs, for importing as a run (tests, e2e). */
function mnistCnn() {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, padding: 'same' }));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.reLU());
  m.add(tf.layers.maxPooling2d({ poolSize: 4 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}

/**
 * A model the import refuses: a strided convolution and a sigmoid head, named so that the
 * message that names them can be checked (e2e/model-import.spec.ts).
 */
function unsupported() {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 1,
      kernelSize: 3,
      strides: 2,
      name: 'strided_conv',
    }),
  );
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dense({ units: 10, activation: 'sigmoid', name: 'sigmoid_head' }));
  return m;
}

/** Seeded weights, and BatchNorm statistics away from (0, 1) so eval mode is really tested. */
function randomise(model, seed) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  // model.weights are the variables (with names), in getWeights/setWeights order.
  model.setWeights(
    model.weights.map((w) => {
      const size = w.shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: size }, () => 0.5 * rand());
      if (w.name.includes('moving_variance'))
        values.forEach((v, i) => (values[i] = 0.5 + Math.abs(v)));
      return tf.tensor(values, w.shape);
    }),
  );
}

async function save(name, model) {
  const dir = join(OUT, name);
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const bin = 'weights.bin';
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [bin], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      writeFileSync(join(dir, bin), Buffer.from(artifacts.weightData));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  console.log(`wrote ${dir}`);
}

const c = cnn();
randomise(c, 1);
await save('cnn', c);
const p = mlp();
randomise(p, 2);
await save('mlp', p);
const n = mnistCnn();
randomise(n, 4);
await save('mnist-cnn', n);
const u = unsupported();
randomise(u, 3);
await save('unsupported', u);
