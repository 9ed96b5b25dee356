/**
 * Headless runs: `npm run experiment -- <config.json> --out <run.flatland>` trains with the same
 * worker code as the app (service, train loop, engine) on TF.js's CPU backend in Node and writes
 * a run file that the app's Import control reads. Data comes from public/data (npm run
 * prepare-data).
 */
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../data/load';
import { installFastCpuKernels } from '../engine/kernels';
import { encodeRunFile } from '../persistence/format';
import { parseTrainConfig } from '../persistence/train-config-schema';
import type { TrainConfig, TrainEvent } from '../domain/api';
import type { ImageDatasetId } from '../data/manifest';
import { createWorkerApi } from '../worker/service';

export interface ExperimentArgs {
  config: string;
  out: string;
}

export function parseArgs(argv: string[]): ExperimentArgs {
  const at = argv.indexOf('--out');
  const out = at >= 0 ? argv[at + 1] : undefined;
  const config = argv.filter((_, i) => i !== at && i !== at + 1)[0];
  if (!config || !out)
    throw new Error('Usage: npm run experiment -- <config.json> --out <run.flatland>');
  return { config, out };
}

/** Where files come from and go in Node (scripts/experiment.mjs) or in a test. */
export interface ExperimentIo {
  /** Bytes of a file under public/, e.g. `data/manifest.json`. */
  readPublic: (path: string) => Promise<Uint8Array>;
  log?: (line: string) => void;
}

/** Datasets through the app's own loader (and its checks), from files instead of HTTP. */
export function publicLoader(readPublic: ExperimentIo['readPublic']) {
  // The loader wants an http(s) origin; this one is never contacted, only mapped to files.
  const base = 'http://flatland.local/';
  const fetchFn = (async (url: string | URL) => {
    const path = new URL(url).pathname.slice(1);
    return new Response((await readPublic(decodeURIComponent(path))) as BodyInit);
  }) as typeof fetch;
  return (id: ImageDatasetId) => loadDataset(id, { baseUrl: base, fetchFn });
}

function progressLine(e: TrainEvent): string | null {
  if (e.kind === 'plan') return `plan: ${e.totalSteps} steps, ${e.stepsPerEpoch} per epoch`;
  if (e.kind === 'epoch')
    return (
      `epoch ${e.epoch} (step ${e.step}): train loss ${e.trainLoss.toFixed(4)} ` +
      `acc ${(100 * e.trainAcc).toFixed(1)}%, test loss ${e.testLoss.toFixed(4)} ` +
      `acc ${(100 * e.testAcc).toFixed(1)}%`
    );
  return null;
}

/** Trains one run as `config` says (checked first) and returns its run file's bytes. */
export async function runExperiment(rawConfig: unknown, io: ExperimentIo): Promise<Uint8Array> {
  const config = checkConfig(rawConfig);
  const log = io.log ?? console.log;
  installFastCpuKernels();
  await tf.setBackend('cpu');
  const api = createWorkerApi(publicLoader(io.readPublic));
  let lastStep = 0;
  const summary = await api.train(config, (events) => {
    for (const e of events) {
      const line = progressLine(e);
      if (line) log(line);
      else if (e.kind === 'step' && e.step - lastStep >= Math.max(1, e.totalSteps / 20)) {
        lastStep = e.step;
        log(`step ${e.step}/${e.totalSteps}: loss ${e.loss.toFixed(4)}`);
      }
    }
  });
  const run = await api.exportRun(summary.runId ?? null);
  if (!run) throw new Error('The run was not kept.');
  const bytes = encodeRunFile([{ ...run, results: {}, savedAt: Date.now() }], 'run');
  log(`${summary.status}: ${summary.steps} steps in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  return bytes;
}

/** The one place the config is checked, so that the app-wide settings schema can take over. */
export function checkConfig(raw: unknown): TrainConfig {
  return parseTrainConfig(raw);
}
