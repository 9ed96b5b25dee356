import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { RunExport } from '../domain/api';
import { createWorkerApi } from './service';
import { oneStepSummary, syntheticLoader, thetaConfig, tinyConfig } from './testing/trained-api';

const config = tinyConfig({
  subset: 100,
  model: 'bn-cnn',
  optimizer: 'swa',
  lr: 0.05,
  batchSize: 25,
  epochs: 2,
  seed: 5,
  evalSamples: 30,
  flat: { swaStart: 0.5 },
});

const loader = syntheticLoader(150, 40);

describe('exportRun / importRun (CPU backend)', () => {
  it('exports live progress each epoch, then a complete run that imports bit for bit', async () => {
    const api = createWorkerApi(loader);
    const live: RunExport[] = [];
    const pending: Promise<unknown>[] = [];
    const summary = await api.train(config, (events) => {
      if (events.some((e) => e.kind === 'epoch'))
        pending.push(api.exportRun(null).then((r) => r && live.push(r)));
    });
    await Promise.all(pending);
    // After epoch 1: initial + epoch 1; after epoch 2 one more; final weights only once done.
    expect(live.map((r) => r.weights.checkpoints.length)).toEqual([2, 3]);
    expect(live.every((r) => r.live && r.weights.final === null)).toBe(true);
    expect(await api.exportRun(null)).toBeNull();

    const id = summary.runId!;
    const run = (await api.exportRun(id))!;
    expect(run.live).toBe(false);
    expect(run.events.filter((e) => e.kind === 'epoch')).toHaveLength(2);
    expect(run.weights.averaged?.nAveraged).toBeGreaterThan(0);
    // The live copy of the last checkpoint is the final trajectory point.
    expect(Array.from(live[1]!.weights.checkpoints[2]!)).toEqual(
      Array.from(run.weights.checkpoints[2]!),
    );

    const other = createWorkerApi(loader);
    const before = tf.memory().numTensors;
    const info = await other.importRun({
      ...run,
      name: run.info.name,
      config,
      summary: run.info.summary,
    });
    expect(info).toMatchObject({ id, name: 'SWA', hasAverage: true, checkpoints: 3 });
    const back = (await other.exportRun(info.id))!;
    expect(back.weights).toEqual(run.weights);
    expect(back.events).toEqual(run.events);

    // The imported run can be analysed: θ(α) between its initial and averaged weights.
    const interp = await other.interpolate(
      thetaConfig(
        { runId: info.id, which: 'initial' },
        { runId: info.id, which: 'averaged' },
        { points: 3, evalSamples: 20 },
      ),
      () => undefined,
    );
    expect(interp.trainLoss.every(Number.isFinite)).toBe(true);
    await other.deleteRun(info.id);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 8);
    await api.deleteRun(id);
  });

  it('refuses weights of the wrong size and keeps nothing', async () => {
    const api = createWorkerApi(loader);
    const n = 5282;
    const good = new Float32Array(n);
    await expect(
      api.importRun({
        name: 'x',
        config: { ...config, optimizer: 'sgd', flat: {} },
        summary: oneStepSummary(),
        events: [],
        weights: {
          checkpoints: [good],
          checkpointsFrom: 0,
          final: new Float32Array(n - 1),
          state: new Float32Array(48),
        },
      }),
    ).rejects.toThrow(/Expected 5282 params values/);
    expect(await api.listRuns()).toEqual([]);
  });
});
