import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { checkConfig, publicLoader } from '../src/headless/experiment';
import { decodeRunFile } from '../src/persistence/format';
import { toImport } from '../src/persistence/run-import';
import { createWorkerApi } from '../src/worker/service';
import { tinyConfig } from '../src/worker/testing/trained-api';

const root = new URL('..', import.meta.url).pathname;
const tiny = tinyConfig({ subset: 40, batchSize: 20, epochs: 1, seed: 1 });

describe('npm run experiment', () => {
  it('trains in Node and writes a run file that imports back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flatland-'));
    const config = join(dir, 'config.json');
    const out = join(dir, 'run.flatland');
    await writeFile(config, JSON.stringify(tiny));
    const { stdout } = await promisify(execFile)(
      'node',
      [join(root, 'scripts/experiment.mjs'), config, '--out', out],
      { cwd: root },
    );
    expect(stdout).toMatch(/step 2\/2/);
    expect(stdout).toMatch(/epoch 1 \(step 2\)/);

    const { kind, runs } = decodeRunFile(new Uint8Array(await readFile(out)));
    expect(kind).toBe('run');
    const run = runs[0]!;
    expect(run.info.config).toEqual(tiny);
    expect(run.info.summary).toMatchObject({ status: 'finished', steps: 2, epochs: 1 });
    expect(run.weights.checkpoints).toHaveLength(2);

    await tf.setBackend('cpu');
    const api = createWorkerApi(
      publicLoader((path) => readFile(join(root, 'public', path)).then((b) => new Uint8Array(b))),
    );
    const expected = structuredClone(run.weights);
    const info = await api.importRun(toImport(run, undefined));
    expect(info.summary.final).toEqual(run.info.summary.final);
    expect((await api.exportRun(info.id))!.weights).toEqual(expected);
    // The imported weights evaluate to the metrics the CLI measured at the end of training.
    const sharp = await api.sharpness(
      {
        weights: { runId: info.id, which: 'final' },
        samples: 20,
        seed: 1,
        rho: 0.05,
        adaptiveRho: 0.5,
        stages: ['rhoSharpness'],
      },
      () => undefined,
    );
    expect(Number.isFinite(sharp.baseLoss)).toBe(true);
    await api.deleteRun(info.id);
  }, 120_000);

  it('refuses an invalid config with every problem named', () => {
    expect(() => checkConfig({ ...tiny, epochs: 0, model: 'resnet' })).toThrow(
      /model: .*; epochs: |epochs: .*; model: /,
    );
  });

  it('fails with the usage when --out is missing', async () => {
    const run = promisify(execFile)('node', [join(root, 'scripts/experiment.mjs'), 'x.json'], {
      cwd: root,
    });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(/Usage: npm run/) });
  }, 60_000);
});
