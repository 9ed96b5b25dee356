import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solutionRef } from '../../domain/solution';
import { openRunDb, type RunDb } from '../../persistence/db';
import { decodeRunFile } from '../../persistence/format';
import { createFlatlandStore } from '../../store';
import { DEFAULT_LANDSCAPE } from '../../store/defaults';
import { createWorkerApi } from '../../worker/service';
import { syntheticLoader, tinyConfig } from '../../worker/testing/trained-api';
import { createMetricsBus } from '../metrics-bus';
import { PersistenceController } from './controller';
import { exportRuns, importRunFile } from './files';
import { restoreSaved } from './restore';

// Sharpness tracking on: its events are saved and exported with the run like the others.
const config = tinyConfig({ model: 'tiny-cnn', epochs: 2, seed: 3, sharpnessEvery: 2 });

const loader = syntheticLoader(100, 30);
let dbCount = 0;

/** One page: a worker, a store, a bus and the controller, on the IndexedDB database `name`. */
function page(db: RunDb) {
  const engine = createWorkerApi(loader);
  const store = createFlatlandStore();
  const bus = createMetricsBus();
  const ctrl = new PersistenceController({ engine, store, bus, db });
  ctrl.start();
  return { engine, store, bus, ctrl };
}

/** Trains like the run controller does: events through the bus, then the run list. */
async function train(p: ReturnType<typeof page>, epochs = config.epochs) {
  p.bus.series(0, { key: 'k', name: 'SGD', color: '#000', final: false });
  const summary = await p.engine.train({ ...config, epochs }, (events) =>
    p.bus.emit(0, 'k', events),
  );
  p.store.getState().setRuns(await p.engine.listRuns());
  await settle(p.ctrl);
  return summary.runId!;
}

async function settle(ctrl: PersistenceController) {
  // Operations may queue further ones (a save after a list change): wait until none is left.
  for (let i = 0; i < 5; i++) await ctrl.flush();
}

const freshDb = () => openRunDb(`test-${++dbCount}`);

describe('persistence (fake IndexedDB, CPU backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('saves while training, restores after a reload, renames and deletes', async () => {
    const db = freshDb();
    const first = page(db);
    const epochs: number[] = [];
    first.bus.subscribe((m) => {
      if (m.type !== 'events' || !m.events.some((e) => e.kind === 'epoch')) return;
      // Held at its next checkpoint, the run cannot finish before this epoch's save is read.
      void first.engine.pause();
      void first.ctrl
        .flush()
        .then(async () => {
          const saved = await db.load((await db.list())[0]!.info.id);
          epochs.push(saved!.weights.checkpoints.length);
        })
        .finally(() => first.engine.resume());
    });
    const id = await train(first, 3);
    // Saved at each epoch (initial + 1, then + 2) while it was training. The last epoch's save
    // may find the run already finished; the complete save follows in any case.
    expect(epochs.slice(0, 2)).toEqual([2, 3]);
    const saved = await db.load(id);
    expect(saved).toMatchObject({ live: false, info: { id, name: 'SGD' } });
    expect(first.store.getState().persistence.storage!.ours).toBeGreaterThan(5258 * 4 * 4);

    const second = page(db);
    await restoreSaved(second.ctrl);
    const runs = second.store.getState().runs;
    expect(runs.map((r) => [r.id, r.name])).toEqual([[id, 'SGD']]);
    expect(runs[0]!.summary).toEqual((await first.engine.listRuns())[0]!.summary);
    expect((await second.engine.exportRun(id))!.weights).toEqual(
      (await first.engine.exportRun(id))!.weights,
    );
    // The curves come back through the bus.
    expect(second.bus.history().events[id]).toEqual((await first.engine.exportRun(id))!.events);

    await second.ctrl.rename(id, 'Mine');
    expect(second.store.getState().runs[0]!.name).toBe('Mine');
    expect((await db.list())[0]!.info.name).toBe('Mine');

    await second.engine.deleteRun(id);
    second.store.getState().removeRun(id);
    await settle(second.ctrl);
    expect(await db.list()).toEqual([]);
  });

  it('brings the perturbation sliders back on the saved directions, reload after reload', async () => {
    const db = freshDb();
    const first = page(db);
    const id = await train(first);
    // Settings the next pages do not have: the saved landscape's must be the ones used.
    const landscape = {
      ...DEFAULT_LANDSCAPE,
      slicePoints: 5,
      gridSize: 3,
      evalSamples: 20,
      seed: 11,
    };
    const s = first.store.getState();
    s.setLandscapeConfig(landscape);
    s.beginExplore(solutionRef((await first.engine.listRuns())[0]!));
    s.startLandscape(landscape);
    s.setSlice(await first.engine.slice1d(landscape, () => undefined));
    // The page's settings change while the grid computes: what is saved is what was computed.
    s.setLandscapeConfig({ seed: 99, evalSamples: 40 });
    s.setGrid(await first.engine.grid2d(landscape, () => undefined));
    await settle(first.ctrl);
    const probes = async (engine: typeof first.engine) => [
      await engine.evaluateAt(0.4),
      await engine.evaluateAt2d(-0.3, 0.7),
    ];
    const want = await probes(first.engine);
    for (let reload = 0; reload < 2; reload++) {
      const next = page(db);
      await restoreSaved(next.ctrl);
      expect(next.store.getState().explored).toEqual({ runId: id, which: 'final' });
      // Not waited for by restoreSaved: the worker holds the probes until it is done.
      expect(await probes(next.engine), `reload ${reload + 1}`).toEqual(want);
      expect(next.store.getState().persistence.notice).toBeNull();
      await settle(next.ctrl);
    }
  });

  it('reports a full quota and keeps the run in memory', async () => {
    const inner = freshDb();
    const full: RunDb = {
      ...inner,
      save: async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    const p = page(full);
    const id = await train(p);
    const s = p.store.getState();
    expect(s.persistence.notice).toMatch(/Storage is full/);
    expect(s.runs.map((r) => r.id)).toEqual([id]);
    expect(await p.engine.exportRun(id)).not.toBeNull();
    expect(await inner.list()).toEqual([]);
  });

  it('exports and imports a file: metrics and weights bitwise equal', async () => {
    const a = page(freshDb());
    const id = await train(a);
    const bytes = await exportRuns(a.ctrl, [id]);
    const b = page(freshDb());
    const [info] = await importRunFile(b.ctrl, bytes);
    await settle(b.ctrl);
    const original = (await a.engine.exportRun(id))!;
    const copy = (await b.engine.exportRun(info!.id))!;
    expect(copy.weights).toEqual(original.weights);
    expect(copy.events).toEqual(original.events);
    expect(original.events.filter((e) => e.kind === 'sharpness').map((e) => e.step)).toEqual([
      0, 2, 4, 6,
    ]);
    expect(copy.info.config.sharpnessEvery).toBe(2);
    expect(copy.info.summary).toEqual(original.info.summary);
    // Saved like any other run, so it survives a reload too.
    expect((await b.ctrl.deps.db.list()).map((r) => r.info.id)).toEqual([info!.id]);
    // And the file decodes to the same floats, bit for bit.
    const decoded = decodeRunFile(bytes).runs[0]!.weights;
    const bits = (f: Float32Array) => Array.from(new Uint32Array(f.buffer, f.byteOffset, f.length));
    expect(bits(decoded.final!)).toEqual(bits(original.weights.final!));
  });

  it('refuses corrupted and truncated files with a clear error and changes nothing', async () => {
    const a = page(freshDb());
    const id = await train(a);
    const bytes = await exportRuns(a.ctrl, [id]);
    const b = page(freshDb());
    const cases: [Uint8Array, RegExp][] = [
      [bytes.slice(0, bytes.length - 10), /truncated/],
      [bytes.slice(0, 40), /truncated: its header/],
      [
        new Uint8Array([...new TextEncoder().encode('NOTFLAT!'), ...bytes.slice(8)]),
        /not a Flatland/,
      ],
    ];
    const badJson = bytes.slice();
    badJson[17] = 0x7b; // '{' inside the JSON: no longer parses
    cases.push([badJson, /not valid JSON/]);
    const nan = bytes.slice();
    new DataView(nan.buffer).setFloat32(nan.length - 4, Number.NaN, true);
    cases.push([nan, /non-finite/]);
    // Same header length, another model: the weights no longer fit it.
    const headerLength = new DataView(bytes.buffer).getUint32(12, true);
    const header = new TextDecoder().decode(bytes.subarray(16, 16 + headerLength));
    const wrongModel = bytes.slice();
    wrongModel.set(new TextEncoder().encode(header.replace('"tiny-cnn"', '"mlp"     ')), 16);
    cases.push([wrongModel, /do not fit mlp/]);
    for (const [file, message] of cases) {
      await expect(importRunFile(b.ctrl, file)).rejects.toThrow(message);
    }
    await settle(b.ctrl);
    expect(b.store.getState().runs).toEqual([]);
    expect(await b.engine.listRuns()).toEqual([]);
    expect(await b.ctrl.deps.db.list()).toEqual([]);
  });
});
