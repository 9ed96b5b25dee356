import * as tf from '@tensorflow/tfjs';
import { MODEL_ZOO } from '../../src/engine';
import { disposeSet, syntheticSet } from './data';
import { interleaved, pairedRatios, summarize, timeMs, type RoundPlan } from './stats';
import { endRun, startRun, trainSteps } from './train';

const LR = 0.01;
const MOMENTUM = 0.9;

/**
 * tiny-cnn as a tf.layers model: the same layers, He-normal kernels as Flatland's init, logits
 * out and softmax cross-entropy on them, SGD with momentum at the same settings.
 */
function layersTinyCnn(): tf.LayersModel {
  const m = tf.sequential();
  const conv = {
    kernelSize: 3,
    padding: 'valid',
    activation: 'relu',
    kernelInitializer: 'heNormal',
  } as const;
  m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, ...conv }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 16, ...conv }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 10, kernelInitializer: 'glorotUniform' }));
  m.compile({
    optimizer: tf.train.momentum(LR, MOMENTUM),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return m;
}

/**
 * Samples per second of one epoch of Flatland's training loop and of `tf.LayersModel.fit` on
 * the same architecture, data, batch size and backend (interleaved rounds; the ratio is the
 * median of the per-round ratios). `fit` runs with `yieldEvery: 'never'`, its fastest setting
 * (no frame waits), so the comparison is conservative for Flatland, whose loop reads losses
 * back every 50 steps as the app does.
 */
export async function fitRatio(sizes: RoundPlan & { samples: number; batch: number }) {
  const { samples, batch } = sizes;
  const set = syntheticSet(samples, 6);
  const onehot = tf.oneHot(set.y, 10);
  const model = layersTinyCnn();
  const sgd = { type: 'sgd', lr: LR, momentum: MOMENTUM } as const;
  const run = startRun(MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]), sgd, samples, 8);
  const steps = Math.floor(samples / batch);
  try {
    const r = await interleaved(
      {
        flatland: () => timeMs(() => trainSteps(run, set, batch, steps)),
        layersFit: () =>
          timeMs(() =>
            model.fit(set.x, onehot, {
              batchSize: batch,
              epochs: 1,
              shuffle: true,
              verbose: 0,
              yieldEvery: 'never',
            }),
          ),
      },
      sizes,
    );
    const flatland = r.samples.flatland.map((ms) => (steps * batch * 1000) / ms);
    const layersFit = r.samples.layersFit.map((ms) => (samples * 1000) / ms);
    const ratio = summarize(pairedRatios(flatland, layersFit));
    return {
      samples,
      batch,
      rounds: r.rounds,
      ...(r.stoppedEarly ? { stoppedEarly: r.stoppedEarly } : {}),
      flatlandSamplesPerSec: summarize(flatland),
      layersFitSamplesPerSec: summarize(layersFit),
      ratio,
      fit_ratio: ratio.median,
    };
  } finally {
    endRun(run);
    model.optimizer.dispose(); // its momentum buffers are not the model's to free
    model.dispose();
    tf.dispose(onehot);
    disposeSet(set);
  }
}
