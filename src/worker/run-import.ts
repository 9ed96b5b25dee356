import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/load';
import { modelSpecFor } from '../domain/model-zoo';
import { datasetInput } from '../domain/toy-data';
import type { ModelSpec, ModelState, Params, TensorMap } from '../engine/types';
import type { TrainConfig, TrainEvent, TrainSummary } from '../domain/api';
import type { RunExport, RunImport } from '../domain/run-export';
import { flattenWeights, unflattenWeights } from './run-export';
import { metricSeed, trainingLabels } from './loop-data';
import type { TrainedModel } from './train-loop';

/** The model spec a run of `config` trains, for a dataset with `classes` classes. */
export function runSpec(config: TrainConfig, classes: number): ModelSpec {
  return modelSpecFor(config, datasetInput(config), classes);
}

/** The subset, trained-on labels and metric seed of a run, derived again from its (seeded) config. */
function trainedOn(config: TrainConfig, dataset: Dataset) {
  const { subset, labels } = trainingLabels(config, dataset);
  return { subset, labels, evalSeed: metricSeed(config) };
}

/**
 * Tensors of an imported run, checked against the model spec. The training subset and its
 * labels (label noise included) are derived again from the config (they are seeded), so
 * landscapes evaluate on the samples and labels it trained on.
 */
export function importedModel(imp: RunImport, dataset: Dataset): TrainedModel {
  const spec = runSpec(imp.config, dataset.classes.length);
  const { final, state, checkpoints, averaged } = imp.weights;
  if (!final || !state) throw new Error('The run has no final weights.');
  // A model imported from TF.js (src/worker/model-import.ts) took no steps here: it has no
  // checkpoints at all. A run that trained must have its initial one.
  if (imp.weights.checkpointsFrom !== 0 || (checkpoints.length === 0 && imp.summary.steps > 0))
    throw new Error('The run is missing its initial checkpoint.');
  const made: TensorMap[] = [];
  const build = (flat: Float32Array, kind: 'params' | 'state') => {
    const m = unflattenWeights(spec, flat, kind);
    made.push(m);
    return m;
  };
  try {
    return {
      spec,
      params: build(final, 'params'),
      state: build(state, 'state'),
      ...trainedOn(imp.config, dataset),
      checkpoints: checkpoints.map((c) => build(c, 'params')),
      // Run files keep no FGE snapshots: an imported FGE run has no ensemble to analyse.
      snapshots: [],
      ...(averaged && {
        averaged: {
          params: build(averaged.params, 'params'),
          state: build(averaged.state, 'state'),
          nAveraged: averaged.nAveraged,
        },
      }),
    };
  } catch (err) {
    made.forEach((m) => tf.dispose(Object.values(m)));
    throw err;
  }
}

/** The last event of a kind, or null. */
function last<K extends TrainEvent['kind']>(events: readonly TrainEvent[], kind: K) {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e?.kind === kind) return e as Extract<TrainEvent, { kind: K }>;
  }
  return null;
}

/** A summary of a run from its events alone: what an interrupted run had reached. */
export function summaryFromEvents(events: readonly TrainEvent[], elapsedMs = 0): TrainSummary {
  const epoch = last(events, 'epoch');
  const steps = last(events, 'step')?.step ?? epoch?.step ?? 0;
  return {
    status: 'stopped',
    steps,
    epochs: epoch?.epoch ?? 0,
    elapsedMs,
    stepsPerSecond: steps / Math.max(elapsedMs / 1000, 1e-9),
    final: epoch
      ? {
          trainLoss: epoch.trainLoss,
          trainAcc: epoch.trainAcc,
          testLoss: epoch.testLoss,
          testAcc: epoch.testAcc,
        }
      : null,
    ...(epoch?.averaged && { averaged: epoch.averaged }),
  };
}

/**
 * The run that trains now: its events and copies of its checkpoints so far, read once per epoch,
 * so that it can be saved while it progresses.
 */
export class LiveRun {
  readonly events: TrainEvent[] = [];
  private readonly checkpoints: Float32Array[] = [];
  private state: Float32Array | null = null;
  private readonly started = performance.now();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly color: string,
    readonly config: TrainConfig,
    private readonly spec: ModelSpec,
  ) {}

  /** Copies the checkpoints not read yet and the current BatchNorm statistics. */
  async record(checkpoints: readonly Params[], state: ModelState): Promise<void> {
    for (const c of checkpoints.slice(this.checkpoints.length))
      this.checkpoints.push(await flattenWeights(this.spec, c, 'params'));
    this.state = await flattenWeights(this.spec, state, 'state');
  }

  export(checkpointsFrom = 0): RunExport {
    const summary = summaryFromEvents(this.events, performance.now() - this.started);
    return {
      info: {
        id: this.id,
        name: this.name,
        color: this.color,
        config: this.config,
        summary: { ...summary, runId: this.id },
        hasAverage: false,
        checkpoints: this.checkpoints.length,
      },
      live: true,
      events: [...this.events],
      weights: {
        // Copies: the receiver may transfer them, which would empty ours.
        checkpoints: this.checkpoints.slice(checkpointsFrom).map((c) => c.slice()),
        checkpointsFrom,
        final: null,
        state: this.state?.slice() ?? null,
      },
    };
  }
}
