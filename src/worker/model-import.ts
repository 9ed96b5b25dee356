/**
 * A trained TF.js LayersModel as a run: loaded by TF.js itself from the chosen files
 * (`tf.io.browserFiles`), converted to an engine spec and weights, checked against the dataset it
 * was trained on and kept like any run, without training history (no checkpoints, no events).
 */
import * as tf from '@tensorflow/tfjs';
import * as v from 'valibot';
import type { Dataset } from '../data/load';
import { evalIndices } from '../data/subset';
import type { TrainConfig, TrainSummary } from '../domain/api';
import type { ModelImportRequest, ModelImportResult } from '../domain/api-model-import';
import { importedLayers } from '../domain/model-import';
import { datasetInput } from '../domain/toy-data';
import { fromLayersModel, type ConvertedModel } from '../engine/interop/from-layers';
import { LayersSchema } from '../schema';
import { labelledSet, metricSeed, trainingLabels } from './loop-data';
import { splitMetrics, type SplitMetrics } from './metrics';
import { runSpec } from './run-import';
import type { RunStore } from './runs';
import type { WorkerState } from './service-state';
import { buildSet, disposeSet } from './tensor-sets';
import type { TrainedModel } from './train-loop';

const basename = (path: string) => path.split('/').at(-1) ?? path;

/** The weight file names model.json lists (its `weightsManifest` paths). */
async function listedWeights(json: File): Promise<string[]> {
  let parsed: { weightsManifest?: { paths?: unknown }[] };
  try {
    parsed = JSON.parse(await json.text()) as typeof parsed;
  } catch {
    throw new Error(`${json.name} is not a JSON file.`);
  }
  if (!Array.isArray(parsed.weightsManifest))
    throw new Error(`${json.name} is not a TF.js LayersModel: it has no weightsManifest.`);
  return parsed.weightsManifest.flatMap((g) =>
    Array.isArray(g.paths) ? g.paths.map((p) => basename(String(p))) : [],
  );
}

/**
 * Loads the LayersModel with TF.js from model.json and its weight files (any order, extra files
 * ignored). Checked first: without its weight files TF.js would load the topology alone, with
 * fresh random weights, and say nothing.
 */
export async function loadLayersFiles(files: readonly File[]): Promise<tf.LayersModel> {
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1)
    throw new Error('Choose one model.json together with the weight files (.bin) it lists.');
  const json = jsons[0]!;
  const listed = await listedWeights(json);
  const missing = listed.filter((name) => !files.some((f) => f.name === name));
  if (missing.length > 0)
    throw new Error(`Choose the weight files with ${json.name}; missing: ${missing.join(', ')}.`);
  const weights = listed.map((name) => files.find((f) => f.name === name)!);
  return tf.loadLayersModel(tf.io.browserFiles([json, ...weights]));
}

/** The converted model; the LayersModel is disposed whatever happens (its weights were cloned). */
export async function convertFiles(files: readonly File[]): Promise<ConvertedModel> {
  const model = await loadLayersFiles(files);
  try {
    return fromLayersModel(model);
  } finally {
    model.dispose();
  }
}

/** The run's config: the request's with the imported model as builder layers, no label noise. */
export function importedConfig(
  converted: ConvertedModel,
  config: TrainConfig,
  classes: number,
): TrainConfig {
  const input = datasetInput(config);
  const fit = importedLayers(converted.spec, config, input, classes);
  if ('problem' in fit) throw new Error(fit.problem);
  const checked = v.safeParse(LayersSchema, fit.layers);
  if (!checked.success)
    throw new Error(
      `The model is larger than Flatland’s model builder allows: ${checked.issues[0].message}.`,
    );
  // The labels it is measured on are the dataset's own: label noise belongs to a training.
  return {
    ...config,
    model: 'custom',
    layers: fit.layers,
    flat: { ...config.flat, labelNoise: 0 },
  };
}

/** Train and test loss and accuracy on the run's fixed metric samples, as a trained run shows. */
async function metricsOf(model: TrainedModel, config: TrainConfig, dataset: Dataset) {
  const { subset, labels, evalSeed } = model;
  const pos = evalIndices(subset.length, config.evalSamples, evalSeed);
  const trainEval = labelledSet(
    dataset.train,
    pos.map((p) => subset[p]!),
    pos.map((p) => labels[p]!),
  );
  const testEval = buildSet(
    dataset.test,
    evalIndices(dataset.test.count, config.evalSamples, evalSeed),
  );
  try {
    return await splitMetrics(model.spec, model.params, model.state, { trainEval, testEval });
  } finally {
    [trainEval, testEval].forEach(disposeSet);
  }
}

/** "Imported model", then "Imported model #2", … (model.json gives "model"). */
function runName(runs: RunStore, json: string): string {
  const base = `Imported ${json.replace(/\.json$/i, '') || 'model'}`;
  const n = runs.list().filter((r) => r.name === base || r.name.startsWith(`${base} #`)).length;
  return n === 0 ? base : `${base} #${n + 1}`;
}

/** A summary of no training: zero steps, and the imported weights' metrics as its final ones. */
const untrained = (final: SplitMetrics): TrainSummary => ({
  status: 'finished',
  steps: 0,
  epochs: 0,
  elapsedMs: 0,
  stepsPerSecond: 0,
  final,
});

/** The model of an imported network on its dataset: trained-on samples from the config. */
export function modelOf(
  converted: ConvertedModel,
  config: TrainConfig,
  dataset: Dataset,
): TrainedModel {
  const { subset, labels } = trainingLabels(config, dataset);
  return {
    spec: runSpec(config, dataset.classes.length),
    params: converted.params,
    state: converted.state,
    subset,
    labels,
    evalSeed: metricSeed(config),
    checkpoints: [],
    snapshots: [],
  };
}

/** Converts the request's files and adds them as a run; nothing is kept when any step fails. */
export async function importModel(
  s: Pick<WorkerState, 'datasets' | 'runs' | 'deviceLost'>,
  request: ModelImportRequest,
): Promise<ModelImportResult> {
  if (s.deviceLost) throw new Error(s.deviceLost);
  const dataset = await s.datasets.get(request.config.dataset, request.config.toy);
  const converted = await convertFiles(request.files);
  try {
    const config = importedConfig(converted, request.config, dataset.classes.length);
    const model = modelOf(converted, config, dataset);
    const summary = untrained(await metricsOf(model, config, dataset));
    const json = request.files.find((f) => /\.json$/i.test(f.name))!.name;
    const name = runName(s.runs, json);
    const run = s.runs.add(s.runs.nextId(), config, summary, model, dataset, [], name);
    return { run, notes: converted.notes };
  } catch (error) {
    tf.dispose([...Object.values(converted.params), ...Object.values(converted.state)]);
    throw error;
  }
}
