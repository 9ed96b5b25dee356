import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../engine/evaluate';
import { runRefinedGrid, interleavedRows } from '../engine/landscape/grid-rows';
import { yieldToEventLoop } from '../engine/landscape/points';
import { initModel } from '../engine/model/init';
import { MODEL_ZOO, type ZooModelId } from '../engine/model/zoo';
import type { ModelSpec } from '../engine/types';
import { EvalBackend } from './eval-backend';
import { startWasm } from './wasm';

const MLP: ModelSpec = MODEL_ZOO.mlp.spec([28, 28, 1]);

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(await startWasm()).not.toBeNull();
  expect(tf.getBackend()).toBe('cpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Loss and accuracy of a seeded model on seeded images, on the active backend. */
async function lossOn(backend: string, id: ZooModelId): Promise<number[]> {
  await tf.setBackend(backend);
  const spec = MODEL_ZOO[id].spec([28, 28, 1]);
  const { params, state } = initModel(spec, 3);
  const x = tf.randomUniform([96, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  const y = tf.randomUniform([96], 0, 10, 'int32', 6) as tf.Tensor1D;
  const r = evaluate(spec, params, state, x, y, 40);
  const out = [(await r.loss.data())[0]!, (await r.accuracy.data())[0]!];
  tf.dispose([x, y, r.loss, r.accuracy, ...Object.values(params), ...Object.values(state)]);
  await tf.setBackend('cpu');
  return out;
}

describe('wasm evaluation', () => {
  it.each(Object.keys(MODEL_ZOO) as ZooModelId[])(
    '%s: same loss and accuracy as cpu',
    async (id) => {
      const [cpuLoss, cpuAcc] = await lossOn('cpu', id);
      const [wasmLoss, wasmAcc] = await lossOn('wasm', id);
      expect(Math.abs(wasmLoss! - cpuLoss!)).toBeLessThan(1e-5 * Math.max(1, cpuLoss!));
      expect(wasmAcc).toBe(cpuAcc);
    },
  );
});

describe('EvalBackend', () => {
  it('evaluates on wasm in auto mode when faster, and the CPU is active again afterwards', async () => {
    const backend = new EvalBackend(startWasm, 'wasm');
    const seen = await backend.evaluate(MLP, async (on) => ({ on, active: tf.getBackend() }));
    expect(seen.active).toBe('wasm');
    expect(seen.on.backend).toBe('wasm');
    expect(seen.on.reason).toMatch(/XNNPACK/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'train' mode never leaves the training backend", async () => {
    const backend = new EvalBackend(startWasm, 'train');
    const active = await backend.evaluate(MLP, async () => tf.getBackend());
    expect(active).toBe('cpu');
  });

  it('training waits for a running evaluation, and probes join whatever holds the backend', async () => {
    const backend = new EvalBackend(startWasm, 'wasm');
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const evaluation = backend.evaluate(MLP, async () => {
      log.push(`eval on ${tf.getBackend()}`);
      await gate;
      log.push('eval ends');
    });
    await yieldToEventLoop();
    const training = backend.onTrainBackend(async () => log.push(`train on ${tf.getBackend()}`));
    const probe = backend.probe(MLP, async (on) =>
      log.push(`probe on ${tf.getBackend()} (${on.backend})`),
    );
    await probe;
    release();
    await Promise.all([evaluation, training]);
    expect(log).toEqual(['eval on wasm', 'probe on wasm (wasm)', 'eval ends', 'train on cpu']);
  });

  it('a probe issued during a grid is answered, and its reply sent, before the next point', async () => {
    const backend = new EvalBackend(startWasm, 'train');
    const log: string[] = [];
    let probe: Promise<unknown> | null = null;
    const row = interleavedRows(
      async (r, cols) => {
        log.push(`point ${r},${cols![0]}`);
        if (!probe) {
          probe = backend
            .probe(MLP, async () => {
              await yieldToEventLoop();
              await yieldToEventLoop();
              log.push('probe answered');
            })
            // The reply passes several awaits (session, service, Comlink) before it is posted.
            .then(async () => {
              for (let hop = 0; hop < 6; hop++) await Promise.resolve();
              log.push('reply sent');
            });
        }
        const v = cols!.map(() => 0);
        return { trainLoss: v, trainAcc: v, testLoss: v, testAcc: v };
      },
      3,
      backend.interleave('cpu'),
    );
    await runRefinedGrid([0, 1, 2], [0, 1], row, { interleave: backend.interleave('cpu') });
    // The reply leaves before the next point: kernels run synchronously, so a point started in
    // the same microtask checkpoint would hold the answer back for its whole length.
    expect(log.slice(0, 4)).toEqual(['point 0,0', 'probe answered', 'reply sent', 'point 0,1']);
    expect(log.filter((l) => l.startsWith('point'))).toHaveLength(6);
  });

  it('calibration picks the faster backend per model and says by how much', async () => {
    const backend = new EvalBackend(startWasm, 'auto');
    const choice = await backend.choose(MODEL_ZOO['tiny-cnn'].spec([28, 28, 1]));
    // TF.js's wasm conv (XNNPACK) is several times faster than its CPU conv (measured 8×).
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toMatch(/× the images\/s of cpu/);
  });
});
