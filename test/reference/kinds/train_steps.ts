import * as tf from '@tensorflow/tfjs';
import {
  createOptimizer,
  createTrainer,
  recomputeBatchNorm,
  type OptimizerConfig,
} from '../../../src/engine';
import type { SwaState } from '../../../src/engine';
import type { ModelSpec, TensorMap } from '../../../src/engine/types';
import {
  firstMismatch,
  toTensor,
  toTensorMap,
  type JsonTensor,
  type NamedJsonTensor,
  type Tolerance,
} from '../util';

/** Fields shared by the fixtures that carry a model, weights and data. */
export interface ModelFixture {
  name: string;
  model: ModelSpec;
  params: NamedJsonTensor[];
  state: NamedJsonTensor[];
  data: { x: JsonTensor; y: number[] };
  tolerance: Tolerance;
}

/** Optimizer settings as the fixtures write them (PyTorch names). */
interface JsonOptimizer {
  type: string;
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weight_decay?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  rho?: number;
  adaptive?: boolean;
  /** m-SAM's sub-batch size (absent: the whole batch). */
  m?: number;
  base?: JsonOptimizer;
  sam?: { rho: number; adaptive?: boolean };
}

interface TrainFixture extends ModelFixture {
  optimizer: JsonOptimizer;
  batches: number[][];
  swa?: { start_step: number; every: number };
  bn_recompute_batches?: number[][];
  expected: {
    losses: number[];
    params: NamedJsonTensor[];
    state: NamedJsonTensor[];
    swa_params?: NamedJsonTensor[];
    swa_n_averaged?: number;
    swa_state?: NamedJsonTensor[];
  };
}

/** Throws unless `got` has exactly the fixture's names, shapes and values (within tolerance). */
export async function expectTensorMap(
  label: string,
  got: TensorMap,
  want: NamedJsonTensor[],
  tol: Tolerance,
): Promise<void> {
  const names = Object.keys(got);
  const wantNames = want.map((w) => w.name);
  if (names.join(',') !== wantNames.join(',')) {
    throw new Error(`${label}: names [${names.join(', ')}] != [${wantNames.join(', ')}]`);
  }
  for (const w of want) {
    const t = got[w.name]!;
    if (t.shape.join(',') !== w.shape.join(',')) {
      throw new Error(`${label} ${w.name}: shape [${t.shape}] != [${w.shape}]`);
    }
    const bad = firstMismatch(await t.data(), w.data, tol);
    if (bad) throw new Error(`${label} ${w.name}: ${bad}`);
  }
}

/** Gathers the rows `idx` of the fixture data as a batch (caller disposes). */
export function batchOf(
  x: tf.Tensor,
  y: number[],
  idx: number[],
): { x: tf.Tensor4D; y: tf.Tensor1D } {
  return tf.tidy(() => ({
    x: tf.gather(x, idx) as tf.Tensor4D,
    y: tf.tensor1d(
      idx.map((i) => y[i]!),
      'int32',
    ),
  }));
}

function baseConfig(o: JsonOptimizer): OptimizerConfig & { type: 'sgd' | 'adam' } {
  if (o.type === 'sgd') {
    return {
      type: 'sgd',
      lr: o.lr!,
      momentum: o.momentum ?? 0,
      dampening: o.dampening ?? 0,
      nesterov: o.nesterov ?? false,
      weightDecay: o.weight_decay ?? 0,
    };
  }
  if (o.type === 'adam') {
    const { lr, beta1, beta2, epsilon, weight_decay: weightDecay } = o;
    return { type: 'adam', lr: lr!, beta1, beta2, epsilon, weightDecay };
  }
  throw new Error(`unknown base optimizer "${o.type}"`);
}

/** Fixture optimizer → engine config. */
export function optimizerConfig(f: Pick<TrainFixture, 'optimizer' | 'swa'>): OptimizerConfig {
  const o = f.optimizer;
  const swa = f.swa ? { startStep: f.swa.start_step, every: f.swa.every } : undefined;
  switch (o.type) {
    case 'sgd':
    case 'adam':
      return baseConfig(o);
    case 'sam':
      return {
        type: 'sam',
        rho: o.rho!,
        adaptive: o.adaptive ?? false,
        base: baseConfig(o.base!),
        ...(o.m ? { m: o.m } : {}),
      };
    case 'swa':
      if (!swa) throw new Error('swa optimizer without "swa" settings');
      {
        const inner = optimizerConfig({ optimizer: o.base! });
        if (inner.type === 'swa' || inner.type === 'wasam') throw new Error('swa over swa');
        return { type: 'swa', base: inner, swa };
      }
    case 'wasam':
      if (!swa) throw new Error('wasam optimizer without "swa" settings');
      return {
        type: 'wasam',
        rho: o.sam!.rho,
        adaptive: o.sam!.adaptive ?? false,
        base: baseConfig(o.base!),
        swa,
      };
    default:
      throw new Error(`unknown optimizer type "${o.type}"`);
  }
}

/** Checks the SWA average, its count and (with BatchNorm) its recomputed statistics. */
async function checkSwa(f: TrainFixture, x: tf.Tensor, s: SwaState<unknown>): Promise<void> {
  const e = f.expected;
  if (e.swa_n_averaged !== undefined && s.nAveraged !== e.swa_n_averaged) {
    throw new Error(`swa_n_averaged: got ${s.nAveraged}, want ${e.swa_n_averaged}`);
  }
  if (!e.swa_params) return;
  if (!s.avg) throw new Error('no SWA average was taken');
  await expectTensorMap('swa_params', s.avg, e.swa_params, f.tolerance);
  if (!e.swa_state) return;
  const batches = (f.bn_recompute_batches ?? []).map((idx) => batchOf(x, f.data.y, idx));
  const state = recomputeBatchNorm(
    f.model,
    s.avg,
    batches.map((b) => b.x),
  );
  tf.dispose(batches.flatMap((b) => [b.x, b.y]));
  try {
    await expectTensorMap('swa_state', state, e.swa_state, f.tolerance);
  } finally {
    tf.dispose(Object.values(state));
  }
}

/** Runs the optimizer steps of a `train_steps` fixture and compares every expected value. */
export async function run(fixture: unknown): Promise<void> {
  const f = fixture as TrainFixture;
  const cfg = optimizerConfig(f);
  const trainer = createTrainer(f.model, createOptimizer(cfg));
  const x = toTensor(f.data.x);
  let ts = trainer.init(toTensorMap(f.params), toTensorMap(f.state));
  const losses: tf.Scalar[] = [];
  try {
    for (const idx of f.batches) {
      const batch = batchOf(x, f.data.y, idx);
      const out = trainer.step(ts, batch);
      tf.dispose([batch.x, batch.y]);
      ts = out.trainState;
      losses.push(out.loss);
    }
    const stacked = tf.stack(losses);
    const got = await stacked.data();
    stacked.dispose();
    const bad = firstMismatch(got, f.expected.losses, f.tolerance);
    if (bad) throw new Error(`losses: ${bad}`);
    await expectTensorMap('params', ts.params, f.expected.params, f.tolerance);
    await expectTensorMap('state', ts.modelState, f.expected.state, f.tolerance);
    if (cfg.type === 'swa' || cfg.type === 'wasam')
      await checkSwa(f, x, ts.optState as SwaState<unknown>);
  } finally {
    tf.dispose([x, ...losses]);
    trainer.dispose(ts);
  }
}
