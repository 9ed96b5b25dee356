import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { apply } from '../../model/apply';
import { initModel } from '../../model/init';
import { MODEL_ZOO, type ZooModelId } from '../../model/zoo';
import type { ModelSpec, ModelState } from '../../types';
import { disposeParams, offsetParams } from '../combine';
import { filterNormalizedDirection } from '../directions';
import { applyBatched } from './forward';
import { batchedChunkSize, evaluateBatched, makeBatchedEvalFns } from './evaluate';
import { stackOffsets, stackParams } from './stack';
import type { ModelWithPlane } from '../testing/setup';

const N = 6;
const AS = [-1, -0.25, 0, 0.5, 1];
const B = 0.4;

interface Setup extends ModelWithPlane {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/** Non-trivial moving statistics, so eval-mode BatchNorm is really exercised. */
function randomState(state: ModelState, seed: number): ModelState {
  const out: ModelState = {};
  for (const [name, t] of Object.entries(state)) {
    out[name] = name.endsWith('moving_mean')
      ? tf.randomNormal(t.shape, 0, 0.3, 'float32', seed)
      : tf.randomUniform(t.shape, 0.5, 2, 'float32', seed + 1);
  }
  disposeParams(state);
  return out;
}

function setup(spec: ModelSpec, seed = 1): Setup {
  const { params, state } = initModel(spec, seed);
  return {
    spec,
    params,
    state: randomState(state, seed + 7),
    // Li et al.'s directions (with biases and BatchNorm perturbed too, so every tensor moves).
    d1: filterNormalizedDirection(params, seed + 1, { ignoreBiasBn: false }),
    d2: filterNormalizedDirection(params, seed + 2, { ignoreBiasBn: false }),
    x: tf.randomUniform([N, ...spec.input], 0, 1, 'float32', seed + 3) as tf.Tensor4D,
    y: tf.randomUniform([N], 0, 10, 'int32', seed + 4) as tf.Tensor1D,
  };
}

function teardown(s: Setup): void {
  [s.params, s.state, s.d1, s.d2].forEach(disposeParams);
  tf.dispose([s.x, s.y]);
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.max(tf.abs(tf.sub(a, b)));
  const v = (await d.data())[0]!;
  d.dispose();
  return v;
}

/** max |a − b| / max |b|: float32 sums of different order differ relative to the magnitudes. */
async function relDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const scale = tf.max(tf.abs(b));
  const s = (await scale.data())[0]!;
  scale.dispose();
  const d = await maxAbsDiff(a, b);
  return d / Math.max(s, 1e-30);
}

/** Per-point logits [K, N, classes] by `apply` on each `offsetParams` point. */
function perPointLogits(s: Setup, as: number[], state: ModelState | ModelState[]): tf.Tensor3D {
  return tf.tidy(() => {
    const rows = as.map((a, k) => {
      const p = offsetParams(s.params, [s.d1, s.d2], [a, B]);
      const st = Array.isArray(state) ? state[k]! : state;
      return apply(s.spec, p, st, s.x, 'eval').logits;
    });
    return tf.stack(rows) as tf.Tensor3D;
  });
}

const ZOO = Object.keys(MODEL_ZOO) as ZooModelId[];

describe('batched forward pass equals the per-point path', () => {
  it.each(ZOO)('%s: logits, loss and accuracy of K points in one pass', async (id) => {
    const s = setup(MODEL_ZOO[id].spec([28, 28, 1]));
    const stacked = stackOffsets(s.params, s.d1, s.d2, AS, B);
    const logits = applyBatched(s.spec, stacked, s.state, s.x, AS.length);
    const expected = perPointLogits(s, AS, s.state);
    expect(logits.shape).toEqual([AS.length, N, 10]);
    expect(await relDiff(logits, expected)).toBeLessThan(1e-5);

    // Chunked (3 samples per pass) batched metrics against `evaluate` at each point.
    const got = evaluateBatched(s.spec, stacked, s.state, s.x, s.y, AS.length, 4);
    const want = tf.tidy(() => {
      const per = AS.map((a) => {
        const p = offsetParams(s.params, [s.d1, s.d2], [a, B]);
        const r = evaluate(s.spec, p, s.state, s.x, s.y);
        return tf.stack([r.loss, r.accuracy]);
      });
      return tf.stack(per); // [K, 2]
    });
    expect(await relDiff(tf.stack([got.loss, got.accuracy], 1), want)).toBeLessThan(1e-5);
    tf.dispose([logits, expected, got.loss, got.accuracy, want]);
    disposeParams(stacked);
    teardown(s);
  });

  it('stacks offsets bitwise equal to offsetParams', async () => {
    const s = setup(MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]));
    const stacked = stackOffsets(s.params, s.d1, s.d2, AS, B);
    const per = AS.map((a) => offsetParams(s.params, [s.d1, s.d2], [a, B]));
    const restacked = stackParams(per);
    for (const name of Object.keys(s.params)) {
      expect(await maxAbsDiff(stacked[name]!, restacked[name]!)).toBe(0);
    }
    [stacked, restacked, ...per].forEach(disposeParams);
    teardown(s);
  });

  it('handles per-point BatchNorm statistics, BatchNorm on features and on the raw input', async () => {
    const bn = { type: 'batchnorm', eps: 1e-5, momentum: 0.1 } as const;
    const spec: ModelSpec = {
      input: [8, 8, 2],
      layers: [
        bn,
        { type: 'conv2d', filters: 3, kernel: 3, padding: 'same', bias: true },
        { type: 'relu' },
        { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: false },
        bn,
        { type: 'maxpool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 7, bias: true },
        bn,
        { type: 'relu' },
        { type: 'dense', units: 10, bias: false },
      ],
    };
    const s = setup(spec, 5);
    const states = AS.map((_, k) => randomState(initModel(spec, 1).state, 40 + k));
    const stackedState = stackParams(states);
    const stacked = stackOffsets(s.params, s.d1, s.d2, AS, B);
    const shared = applyBatched(spec, stacked, s.state, s.x, AS.length);
    const perState = applyBatched(spec, stacked, stackedState, s.x, AS.length);
    const wantShared = perPointLogits(s, AS, s.state);
    const wantPerState = perPointLogits(s, AS, states);
    expect(await relDiff(shared, wantShared)).toBeLessThan(1e-5);
    expect(await relDiff(perState, wantPerState)).toBeLessThan(1e-5);
    tf.dispose([shared, perState, wantShared, wantPerState]);
    [stacked, stackedState, ...states].forEach(disposeParams);
    teardown(s);
  });
});

describe('batched forward pass with the builder layers', () => {
  it('residual blocks (identity, projection, none; one on the shared input), tanh, GELU, avgpool', async () => {
    const block = (filters: number, skip: 'identity' | 'projection' | 'none') =>
      ({ type: 'residual', filters, kernel: 3, skip, eps: 1e-5, momentum: 0.1 }) as const;
    const spec: ModelSpec = {
      input: [8, 8, 2],
      layers: [
        block(3, 'projection'),
        block(3, 'identity'),
        { type: 'tanh' },
        block(2, 'none'),
        { type: 'avgpool', size: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 6, bias: true },
        { type: 'gelu' },
        { type: 'dense', units: 10, bias: true },
      ],
    };
    const s = setup(spec, 9);
    const stacked = stackOffsets(s.params, s.d1, s.d2, AS, B);
    const logits = applyBatched(spec, stacked, s.state, s.x, AS.length);
    const expected = perPointLogits(s, AS, s.state);
    expect(await relDiff(logits, expected)).toBeLessThan(1e-5);
    tf.dispose([logits, expected]);
    disposeParams(stacked);
    teardown(s);
  });
});

describe('batched evaluation bookkeeping', () => {
  it('chunks samples evenly under the memory bound', () => {
    const spec = MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]);
    expect(batchedChunkSize(spec, 21, 128)).toBe(64);
    expect(batchedChunkSize(spec, 21, 50)).toBe(50);
    expect(batchedChunkSize(spec, 21, 128, 1)).toBe(1);
  });

  it('frees every intermediate', () => {
    const s = setup(MODEL_ZOO['bn-cnn'].spec([28, 28, 1]));
    const fns = makeBatchedEvalFns(s.spec, s.state, { train: s, test: s }, AS.length, {
      maxElements: 200_000,
    });
    const stacked = stackOffsets(s.params, s.d1, s.d2, AS, B);
    const before = tf.memory().numTensors;
    const r = fns.train(stacked);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([r.loss, r.accuracy]);
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(stacked);
    teardown(s);
  });
});
