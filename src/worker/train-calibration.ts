/**
 * The training backend chosen by a calibration. When the request is `auto` and more than one
 * hardware backend trains here (a GPU's WebGPU and WebGL, or a GPU and the CPU backend, which wins
 * on tiny models where GPU dispatch overhead dominates), a few optimizer steps of the run's model
 * and batch size are timed on each, once per browser (cached in IndexedDB), and the run trains on
 * the fastest (`chooseByRate`, with a margin so noise does not flip the choice).
 *
 * It runs before the run creates its tensors, and only while the worker holds none: TF.js moves a
 * tensor to another backend by reading it synchronously, which from WebGPU means a blocking canvas
 * readback. So the first run of a session (or one after every run was deleted) may switch; later
 * runs train where the earlier ones live.
 */
import * as tf from '@tensorflow/tfjs';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { initModel } from '../engine/model/init';
import { createOptimizer, type OptimizerConfig } from '../engine/optim/create';
import { createTrainer } from '../engine/train/step';
import type { ModelSpec } from '../engine/types';
import type { BackendId, BackendInfo, TrainConfig } from '../domain/api';
import { trainingCandidates, type TrainingCandidate } from './backend';
import {
  chooseByRate,
  type Calibration,
  type StepRate,
  type TrainingChoice,
} from './backend-choice';
import { optimizerPlan } from './optimizer-config';
import { perSecond, timeRepeated, type Timing, type TimingBudget } from './timing';

/** What a calibration times: one optimizer step of a run's model on one constant-shaped batch. */
export interface StepJob {
  spec: ModelSpec;
  optimizer: OptimizerConfig;
  /** The run's optimizer id, part of the cache key (SAM's step costs two gradients). */
  optimizerId: string;
  batchSize: number;
  lr: number;
}

/** The calibration's job for a run of `config` on a model `spec`. */
export function stepJob(config: TrainConfig, spec: ModelSpec): StepJob {
  // The schedule's length does not change what one step computes; any epoch length will do.
  const plan = optimizerPlan(config, 100);
  const { optimizer, batchSize } = config;
  return { spec, optimizer: plan.optimizer, optimizerId: optimizer, batchSize, lr: plan.lr(1, 1) };
}

/**
 * Per backend about 0.1 s after the warm-up, at least one step and at most ten: a few hundred ms
 * in all for tiny models. Steps go in chunks read back once each (the clock stops at a chunk's
 * last loss), as the training loop reads its losses once per chunk.
 */
const BUDGET: TimingBudget = { minReps: 1, maxReps: 10, budgetMs: 100 };

/**
 * The CPU backend compiles nothing, so its first step is about as slow as its others: when it
 * alone takes this many times the best GPU step, the CPU cannot win and is not timed further.
 * (Not applied to GPU backends, whose first step includes compiling their shaders.)
 */
const CPU_GIVE_UP_FACTOR = 10;

/**
 * Times optimizer steps of `job` on the active backend (warm-up excluded), on random images with
 * the run's batch shape, which stays constant so WebGPU reuses its pooled buffers when the run
 * starts. Every tensor it makes is released.
 */
export async function timeTrainingSteps(job: StepJob, giveUpMs?: number): Promise<Timing> {
  const trainer = createTrainer(job.spec, createOptimizer(job.optimizer));
  const { params, state } = initModel(job.spec, 1);
  let ts = trainer.init(params, state);
  const shape = [job.batchSize, ...job.spec.input] as const;
  const batch = {
    x: tf.randomUniform([...shape], 0, 1, 'float32', 7) as tf.Tensor4D,
    y: tf.zeros([job.batchSize], 'int32') as tf.Tensor1D,
  };
  let loss: tf.Scalar | null = null;
  const step = () => {
    const out = trainer.step(ts, batch, { lr: job.lr });
    ts = out.trainState;
    loss?.dispose();
    loss = out.loss;
  };
  const settle = async () => {
    await loss?.data();
  };
  try {
    return await timeRepeated(
      step,
      settle,
      giveUpMs === undefined ? BUDGET : { ...BUDGET, giveUpMs },
    );
  } finally {
    trainer.dispose(ts);
    tf.dispose([batch.x, batch.y, ...(loss ? [loss] : [])]);
  }
}

/** Where calibrations are kept between sessions; best effort (a failing store forgets). */
export interface CalibrationCache {
  get(key: string): Promise<Calibration | undefined>;
  set(key: string, value: Calibration): Promise<void>;
}

/** IndexedDB through idb-keyval (in a worker too), or a session's memory where there is none. */
export function browserCache(): CalibrationCache {
  const memory = new Map<string, Calibration>();
  let store: UseStore | null = null;
  const idb = () => (store ??= createStore('flatland-calibration', 'training-backend'));
  const usable = typeof indexedDB !== 'undefined';
  return {
    async get(key) {
      if (!usable) return memory.get(key);
      return get<Calibration>(key, idb()).catch(() => undefined);
    },
    async set(key, value) {
      if (!usable) memory.set(key, value);
      else await set(key, value, idb()).catch(() => undefined);
    },
  };
}

/** The calibration's key: what runs where (adapter, renderer), the model and the batch size. */
export function calibrationKey(candidates: readonly TrainingCandidate[], job: StepJob): string {
  const where = candidates.map((c) => `${c.id}=${c.adapter}`).join('|');
  return `${where}#${job.optimizerId}#b${job.batchSize}#${JSON.stringify(job.spec)}`;
}

/** What the calibrator needs from the worker; injected in tests. */
export interface CalibrationDeps {
  candidates(): Promise<TrainingCandidate[]>;
  /** Times `job` on the active backend; gives up after the warm-up past `giveUpMs`. */
  measure(job: StepJob, giveUpMs?: number): Promise<Timing>;
  /** Makes `id` the active backend. */
  use(id: BackendId): Promise<void>;
  cache: CalibrationCache;
  /** Whether any tensor lives on the active backend (then no switch: see the module's note). */
  holdsTensors(): boolean;
  clock(): number;
}

const workerDeps = (): CalibrationDeps => ({
  candidates: trainingCandidates,
  measure: timeTrainingSteps,
  use: async (id) => {
    await tf.setBackend(id);
  },
  cache: browserCache(),
  holdsTensors: () => tf.memory().numTensors > 0,
  clock: () => performance.now(),
});

/** Re-describes where evaluations run once training moved to `info.active`. */
export type OnSwitch = (info: BackendInfo) => Promise<string | undefined>;

/** Chooses, per run's model, the backend the run trains on (see the module's note). */
export class TrainingCalibrator {
  private info: BackendInfo | null = null;
  private onSwitch: OnSwitch | null = null;
  private candidates: Promise<TrainingCandidate[]> | null = null;

  constructor(private readonly deps: CalibrationDeps = workerDeps()) {}

  /** At the worker's `init`: the backend it started on; only an `auto` request calibrates. */
  configure(info: BackendInfo, onSwitch?: OnSwitch): void {
    this.info = info;
    this.onSwitch = onSwitch ?? null;
    this.candidates = null;
  }

  /** The backend training runs on, null before `init`. */
  get active(): BackendId | null {
    return this.info?.active ?? null;
  }

  /**
   * Before a run creates its tensors: calibrates (or recalls) the backends for `job` and makes
   * the fastest active. The new backend info when a calibration decided, else null (forced
   * backend, one candidate, tensors held, nothing measured).
   */
  async before(job: StepJob): Promise<BackendInfo | null> {
    const info = this.info;
    if (!info || info.requested !== 'auto' || this.deps.holdsTensors()) return null;
    const candidates = await (this.candidates ??= this.deps.candidates());
    if (candidates.length < 2) return null;
    const key = calibrationKey(candidates, job);
    const known = await this.deps.cache.get(key);
    let choice: TrainingChoice | null = null;
    try {
      const calibration = known ?? (await this.calibrate(candidates, job));
      // A backend that failed may work next time: such a calibration is not kept.
      if (!known && calibration.rates.every((r) => !r.error))
        await this.deps.cache.set(key, calibration);
      choice = chooseByRate(calibration, !!known);
    } finally {
      await this.deps.use(choice?.backend ?? info.active);
    }
    if (!choice) return null;
    const { backend, reason } = choice;
    const adapter = candidates.find((c) => c.id === backend)?.adapter;
    const next: BackendInfo = { ...info, active: backend, calibration: reason };
    if (adapter) next.adapter = adapter;
    if (next.active !== info.active && this.onSwitch) next.evaluation = await this.onSwitch(next);
    this.info = next;
    return next;
  }

  /** Times each candidate in the order of preference; a failure is recorded, not thrown. */
  private async calibrate(candidates: TrainingCandidate[], job: StepJob): Promise<Calibration> {
    const t0 = this.deps.clock();
    const rates: StepRate[] = [];
    let bestStepMs = Infinity;
    const warmups: string[] = [];
    for (const { id } of candidates) {
      try {
        await this.deps.use(id);
        const cpuCut = id === 'cpu' && Number.isFinite(bestStepMs);
        const t = await this.deps.measure(
          job,
          cpuCut ? CPU_GIVE_UP_FACTOR * bestStepMs : undefined,
        );
        warmups.push(`${id} ${Math.round(t.warmupMs)} ms`);
        if (t.cut) {
          rates.push({ backend: id, stepsPerSecond: 1000 / t.warmupMs, cut: true });
          continue;
        }
        const stepsPerSecond = perSecond(t);
        bestStepMs = Math.min(bestStepMs, 1000 / stepsPerSecond);
        rates.push({ backend: id, stepsPerSecond });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        rates.push({ backend: id, stepsPerSecond: 0, error: message });
      }
    }
    const calibration = { rates, ms: this.deps.clock() - t0 };
    // The warm-ups (a GPU compiles its kernels) are most of the time; the console keeps them.
    console.info('Training backend calibration', JSON.stringify(calibration), warmups.join(', '));
    return calibration;
  }
}
