import type { Dataset } from '../data/load';
import { OPTIMIZER_COLORS, OPTIMIZER_NAMES } from '../domain/optimizers';
import { solutionRef } from '../domain/solution';
import type { ModelState, Params } from '../engine/types';
import type {
  OptimizerId,
  RunInfo,
  TrainConfig,
  TrainEvent,
  TrainSummary,
  WeightsRef,
} from '../domain/api';
import type { RunExport } from '../domain/run-export';
import { flattenWeights } from './run-export';
import { disposeTrainedModel, type TrainedModel } from './train-loop';

/** One colour per optimizer, used in every plot so runs are recognisable across panels. */
export interface RunRecord {
  info: RunInfo;
  model: TrainedModel;
  dataset: Dataset;
  /** Plan, step and epoch events of its training, for saving and exporting the run. */
  events: TrainEvent[];
}

/** Weights and BatchNorm state a landscape explores, plus where its training data came from. */
export interface WeightsTarget {
  model: TrainedModel;
  dataset: Dataset;
  params: Params;
  state: ModelState;
}

/** The runs kept by the worker; it owns their tensors and frees them on delete. */
export class RunStore {
  private runs = new Map<string, RunRecord>();
  private counter = 0;

  /** Reserves the id of the next run, so its events can carry it while it trains. */
  nextId(): string {
    this.counter += 1;
    return `run-${this.counter}`;
  }

  /**
   * `wanted` when it was never handed out (later ids then stay clear of it), else a fresh id: a
   * run still training holds its id before it is stored.
   */
  claimId(wanted: string | undefined): string {
    const n = Number(/^run-(\d+)$/.exec(wanted ?? '')?.[1] ?? NaN);
    if (wanted === undefined || !(n > this.counter)) return this.nextId();
    this.counter = n;
    return wanted;
  }

  /** "SAM", then "SAM #2", … for the runs of one optimizer. */
  defaultName(optimizer: OptimizerId): string {
    const base = OPTIMIZER_NAMES[optimizer];
    // Imported models (no checkpoints) are named by their file, not by a placeholder optimizer.
    const same = [...this.runs.values()].filter(
      (r) => r.info.config.optimizer === optimizer && r.model.checkpoints.length > 0,
    );
    return same.length === 0 ? base : `${base} #${same.length + 1}`;
  }

  add(
    id: string,
    config: TrainConfig,
    summary: TrainSummary,
    model: TrainedModel,
    dataset: Dataset,
    events: TrainEvent[] = [],
    name = this.defaultName(config.optimizer),
  ): RunInfo {
    const info: RunInfo = {
      id,
      name,
      color: OPTIMIZER_COLORS[config.optimizer],
      config,
      summary: { ...summary, runId: id },
      hasAverage: !!model.averaged,
      ...(model.snapshots.length > 0 && { snapshots: model.snapshots.length }),
      checkpoints: model.checkpoints.length,
    };
    this.runs.set(id, { info, model, dataset, events });
    return info;
  }

  rename(id: string, name: string): RunInfo {
    const r = this.get(id);
    r.info = { ...r.info, name };
    return r.info;
  }

  /** Copies of the run's events and weights from `checkpointsFrom` on (safe to transfer). */
  async export(id: string, checkpointsFrom = 0): Promise<RunExport> {
    const { info, model, events } = this.get(id);
    const { spec } = model;
    const checkpoints: Float32Array[] = [];
    for (const c of model.checkpoints.slice(checkpointsFrom))
      checkpoints.push(await flattenWeights(spec, c, 'params'));
    const avg = model.averaged;
    const weights: RunExport['weights'] = {
      checkpoints,
      checkpointsFrom,
      final: await flattenWeights(spec, model.params, 'params'),
      state: await flattenWeights(spec, model.state, 'state'),
      ...(avg && {
        averaged: {
          params: await flattenWeights(spec, avg.params, 'params'),
          state: await flattenWeights(spec, avg.state, 'state'),
          nAveraged: avg.nAveraged,
        },
      }),
    };
    return { info, live: false, events: [...events], weights };
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((r) => r.info);
  }

  get(id: string): RunRecord {
    const r = this.runs.get(id);
    if (!r) throw new Error(`There is no run "${id}" (it may have been deleted).`);
    return r;
  }

  delete(id: string): void {
    const r = this.runs.get(id);
    if (!r) return;
    disposeTrainedModel(r.model);
    this.runs.delete(id);
  }

  /** Resolves a reference to concrete weights; BN state is the average's own for averaged weights. */
  weights(ref: WeightsRef): WeightsTarget {
    const { model, dataset } = this.get(ref.runId);
    const w = ref.which;
    if (w === 'averaged') {
      if (!model.averaged)
        throw new Error('This run has no averaged weights (only SWA and WASAM average).');
      return { model, dataset, ...model.averaged };
    }
    if (w === 'final') return { model, dataset, params: model.params, state: model.state };
    const index = w === 'initial' ? 0 : w.epoch;
    if (model.checkpoints.length === 0)
      throw new Error(
        'This run is an imported model: it has no training history (no checkpoints).',
      );
    const params = model.checkpoints[index];
    if (!params) throw new Error(`This run has no checkpoint for epoch ${index}.`);
    // Checkpoints keep no BatchNorm statistics of their own; the final ones are the closest.
    return { model, dataset, params, state: model.state };
  }

  /** The solution of a run: its average for SWA/WASAM, else its final weights. */
  solution(id: string): WeightsRef {
    return solutionRef({ id, hasAverage: Boolean(this.get(id).model.averaged) });
  }
}
