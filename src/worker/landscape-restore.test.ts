import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  DirectionOptions,
  FlatlandWorkerApi,
  LandscapeConfig,
  PlaneValue,
  PointValue,
  RunExport,
  WeightsRef,
} from '../domain/api';
import { createWorkerApi } from './service';
import { syntheticLoader, tinyConfig, tinyLandscape, trainedApi } from './testing/trained-api';

// Two epochs: PCA directions need a trajectory of at least three checkpoints.
const train = tinyConfig({ subset: 100, epochs: 2, seed: 3, evalSamples: 40 });

const landscape = tinyLandscape({ evalSamples: 40, seed: 7 });

// Off the slice's and the grid's points, so nothing could be read back from the saved plots.
const TS = [0.37, -0.81];
const PLANE: [number, number][] = [
  [0.3, -0.55],
  [-0.9, 0.2],
];
const BOTH = { slice: true, grid: true };
const loader = syntheticLoader(200, 40);

interface Probed {
  along: PointValue[];
  plane: PlaneValue[];
}

async function probe(api: FlatlandWorkerApi): Promise<Probed> {
  const along: PointValue[] = [];
  for (const t of TS) along.push(await api.evaluateAt(t));
  const plane: PlaneValue[] = [];
  for (const [a, b] of PLANE) plane.push(await api.evaluateAt2d(a, b));
  return { along, plane };
}

/** Bit for bit: every loss and accuracy with toBe, and the same strip predictions. */
type Readout = Omit<PointValue, 't'>;

function expectSame(got: Probed, want: Probed): void {
  const pairs: [Readout, Readout | undefined][] = [
    ...got.along.map((g, i): [Readout, Readout | undefined] => [g, want.along[i]]),
    ...got.plane.map((g, i): [Readout, Readout | undefined] => [g, want.plane[i]]),
  ];
  expect(pairs).toHaveLength(TS.length + PLANE.length);
  for (const [g, w] of pairs) {
    expect(g.trainLoss).toBe(w?.trainLoss);
    expect(g.testLoss).toBe(w?.testLoss);
    expect(g.trainAcc).toBe(w?.trainAcc);
    expect(g.testAcc).toBe(w?.testAcc);
    expect(g.predicted).toEqual(w?.predicted);
  }
}

/** A page before the reload: trains, draws the slice and the grid, probes off their points. */
async function original(config: LandscapeConfig) {
  const { api, runId: id } = await trainedApi(train, loader);
  await api.slice1d(config, () => undefined);
  await api.grid2d(config, () => undefined);
  const probed = await probe(api);
  return { run: (await api.exportRun(id))!, probed };
}

/** A page after the reload: a fresh worker with the saved run and no landscape session. */
async function reloaded(run: RunExport): Promise<{ api: FlatlandWorkerApi; ref: WeightsRef }> {
  const api = createWorkerApi(loader);
  const { info } = run;
  const restored = await api.importRun({
    ...run,
    name: info.name,
    config: info.config,
    summary: info.summary,
  });
  return { api, ref: { runId: restored.id, which: 'final' } };
}

const KINDS: [string, Partial<DirectionOptions> | undefined][] = [
  ['random filter-normalised', undefined],
  ['PCA', { kind1: 'pca', kind2: 'pca' }],
];

describe('restoreLandscape: the sliders after a reload (CPU backend)', () => {
  const before = new Map<string, Awaited<ReturnType<typeof original>>>();

  beforeAll(async () => {
    for (const [name, directions] of KINDS)
      before.set(name, await original({ ...landscape, directions }));
  });

  it.each(KINDS)(
    'gives the very probes of the original landscape (%s)',
    async (name, directions) => {
      const { run, probed } = before.get(name)!;
      const { api, ref } = await reloaded(run);
      // Without it the run is there but nothing is explored: this is what the reload used to leave.
      await expect(api.evaluateAt(TS[0]!)).rejects.toThrow(/no weights to explore/);
      await api.restoreLandscape(ref, { ...landscape, directions }, BOTH);
      expectSame(await probe(api), probed);
    },
  );

  it('answers probes sent while the restore still runs, once it is done', async () => {
    const { run, probed } = before.get('PCA')!;
    const { api, ref } = await reloaded(run);
    const restoring = api.restoreLandscape(ref, { ...landscape, directions: KINDS[1]![1] }, BOTH);
    // Not awaited: the sliders probe as soon as the saved plots are shown. One probe per slider:
    // a second one sent before the first answers would supersede it (see probe.test.ts).
    const along = api.evaluateAt(TS[1]!);
    const plane = api.evaluateAt2d(...PLANE[1]!);
    const images = api.probeImages();
    expect(await along).toEqual(probed.along[1]);
    expect(await plane).toEqual(probed.plane[1]);
    expect((await images).count).toBeGreaterThan(0);
    await restoring;
  });

  it('builds only the saved parts; after a failed restore the probes still answer', async () => {
    const { run, probed } = before.get('random filter-normalised')!;
    const { api, ref } = await reloaded(run);
    await api.restoreLandscape(ref, landscape, { slice: true, grid: false });
    expect(await api.evaluateAt(TS[0]!)).toEqual(probed.along[0]);
    await expect(api.evaluateAt2d(0.3, -0.55)).rejects.toThrow(/2D landscape/);

    const bad = api.restoreLandscape({ runId: 'gone', which: 'final' }, landscape, BOTH);
    const probing = api.evaluateAt(TS[0]!);
    await expect(bad).rejects.toThrow();
    // The weights explored before stay explored, with their slice direction.
    expect(await probing).toEqual(probed.along[0]);
  });

  it('frees the directions it replaces when restored again', async () => {
    const { run } = before.get('PCA')!;
    const { api, ref } = await reloaded(run);
    const config = { ...landscape, directions: KINDS[1]![1] };
    await api.restoreLandscape(ref, config, BOTH);
    await probe(api);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await api.restoreLandscape(ref, config, BOTH);
      await probe(api);
    }
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
