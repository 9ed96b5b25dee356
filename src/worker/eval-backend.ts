/**
 * Which TF.js backend evaluates (forward passes of landscapes, slices, probes, θ(α)) and the
 * switching between it and the training backend. TF.js has one active backend at a time; the
 * worker keeps the training backend active and switches to the evaluation backend only for the
 * length of an evaluation, so training, gradients and Hessian-vector products (which the wasm
 * backend cannot run for CNNs) never see it. Tensors cross over by TF.js's own data mover, which
 * reads synchronously: that is exact and cheap from the CPU backend, so wasm evaluation is used
 * only when training runs on the CPU (from a GPU it would mean `dataSync`, which blocks or, under
 * SwiftShader, returns zeros; GPU backends evaluate on the GPU's batched grid path instead).
 */
import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../engine/evaluate';
import { initModel } from '../engine/model/init';
import type { ModelSpec } from '../engine/types';
import type { EvaluationMode } from '../domain/api';
import type { Interleave } from '../engine/landscape/points';
import { yieldToEventLoop } from '../engine/landscape/points';
import { perSecond, timeRepeated } from './timing';
import { describeWasm, type WasmInfo } from './wasm';

/** The backend one model is evaluated on, and why. */
export interface EvalChoice {
  backend: string;
  /** e.g. "wasm (XNNPACK, SIMD, 2 threads), 8.1× the images/s of cpu for this model". */
  reason: string;
}

/** Images per second of one forward pass on the active backend, after a warm-up. */
export async function forwardImagesPerSecond(spec: ModelSpec, n = 128, reps = 2): Promise<number> {
  const { params, state } = initModel(spec, 1);
  const x = tf.randomUniform([n, ...spec.input], 0, 1, 'float32', 7) as tf.Tensor4D;
  const y = tf.zeros([n], 'int32') as tf.Tensor1D;
  const once = async () => {
    const r = evaluate(spec, params, state, x, y);
    await r.loss.data();
    tf.dispose([r.loss, r.accuracy]);
  };
  try {
    // Each pass reads its loss back itself: nothing is left to settle.
    const timing = await timeRepeated(once, async () => {}, {
      minReps: reps,
      maxReps: reps,
      budgetMs: 0,
    });
    return perSecond(timing, n);
  } finally {
    tf.dispose([x, y, ...Object.values(params), ...Object.values(state)]);
  }
}

/**
 * The next event-loop turn, so queued messages (a probe, a stop) get in. In a worker a
 * MessageChannel task: nested `setTimeout(0)`s are clamped to 4 ms, which over a 441-point grid
 * evaluated point by point would add two seconds. Elsewhere (Node tests) a timeout.
 */
const nextTask: () => Promise<void> = (() => {
  const inWorker = typeof self !== 'undefined' && 'WorkerGlobalScope' in self;
  if (!inWorker || typeof MessageChannel === 'undefined') return yieldToEventLoop;
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      queue.push(resolve);
      channel.port2.postMessage(0);
    });
})();

/** A missing kernel on the evaluation backend: the job falls back to the training backend. */
const missingKernel = (e: unknown) =>
  e instanceof Error && /not registered for backend|Kernel '.*' not registered/.test(e.message);

type Mode = 'train' | 'eval';

/**
 * The evaluation backend and a two-mode lock over TF.js's global backend. Evaluations hold 'eval'
 * (wasm active); training and gradient jobs hold 'train'; probes join whichever mode is held, so
 * a slider never waits for a grid. When nothing holds the lock the training backend is active.
 */
export class EvalBackend {
  private held: { mode: Mode; count: number } = { mode: 'train', count: 0 };
  /** Who waits for the lock to drain, and for in-flight probes to end. */
  private waiting: Record<'drained' | 'probes', Array<() => void>> = { drained: [], probes: [] };
  private probes = 0;
  private choices = new Map<string, EvalChoice>();
  /** The training backend, recorded while the evaluation backend is active. */
  private trainName = '';

  /**
   * @param wasm starts the wasm backend (once) and says what it runs with, null when it cannot.
   * @param mode 'auto': calibrated per model; 'train': always the training backend (a backend
   * forced with `?backend=`); 'wasm': wasm whenever training runs on the CPU.
   */
  constructor(
    private readonly wasm: () => Promise<WasmInfo | null> = async () => null,
    private mode: EvaluationMode = 'train',
  ) {}

  /** Sets the mode (at the worker's `init`) and forgets earlier calibrations. */
  configure(mode: EvaluationMode): void {
    this.mode = mode;
    this.choices.clear();
  }

  /** The backend that trains: the active one, except while an evaluation holds wasm. */
  private train(): string {
    return this.held.mode === 'eval' ? this.trainName : tf.getBackend();
  }

  /** The evaluation backend for `spec`: calibrated once per model (a few hundred ms). */
  async choose(spec: ModelSpec): Promise<EvalChoice> {
    const train = this.train();
    if (this.mode === 'train') return { backend: train, reason: `${train}, as requested` };
    if (train !== 'cpu') {
      return { backend: train, reason: `${train}: the GPU evaluates its own tensors` };
    }
    const key = JSON.stringify(spec);
    const known = this.choices.get(key);
    if (known) return known;
    const choice = await this.calibrate(spec, train);
    this.choices.set(key, choice);
    return choice;
  }

  private async calibrate(spec: ModelSpec, train: string): Promise<EvalChoice> {
    const info = await this.wasm();
    if (!info) return { backend: train, reason: `${train}: WebAssembly could not start` };
    const onTrain = await this.holding('train', () => forwardImagesPerSecond(spec));
    const onWasm = await this.holding('eval', () => forwardImagesPerSecond(spec));
    const ratio = onWasm / onTrain;
    const versus = `${ratio.toFixed(1)}× the images/s of ${train} for this model`;
    if (this.mode === 'wasm' || ratio > 1)
      return { backend: 'wasm', reason: `${describeWasm(info)}, ${versus}` };
    return { backend: train, reason: `${train}: ${describeWasm(info)} reached only ${versus}` };
  }

  /**
   * Runs a forward-only evaluation of `spec` on its evaluation backend; a kernel the wasm backend
   * lacks sends this model back to the training backend, for this job and the next.
   */
  async evaluate<T>(spec: ModelSpec, work: (choice: EvalChoice) => Promise<T>): Promise<T> {
    const choice = await this.choose(spec);
    if (choice.backend !== 'wasm') return this.holding('train', () => work(choice));
    try {
      return await this.holding('eval', () => work(choice));
    } catch (error) {
      if (!missingKernel(error)) throw error;
      const fallback = {
        backend: this.train(),
        reason: `${this.train()}: ${(error as Error).message}`,
      };
      this.choices.set(JSON.stringify(spec), fallback);
      return this.holding('train', () => work(fallback));
    }
  }

  /**
   * A slider's probe: runs on whichever backend is active now (it never waits for a grid to
   * switch back), and long evaluations pause at their next point until it is answered.
   */
  async probe<T>(spec: ModelSpec, work: (choice: EvalChoice) => Promise<T>): Promise<T> {
    this.probes++;
    try {
      return await this.join(spec, work);
    } finally {
      // The paused evaluation goes on only once this answer is on its way: woken in this
      // microtask checkpoint, its next point (synchronous kernels) would run before the reply.
      if (--this.probes === 0) void nextTask().then(() => this.probes === 0 && this.wake('probes'));
    }
  }

  /**
   * How a long evaluation on `backend` lets probes in: one point per readback where kernels run
   * synchronously (a row would block the worker for seconds), and no next point while a probe is
   * in flight. GPU backends keep their row readbacks (each readback is a pipeline stall).
   */
  interleave(backend: string): Interleave | undefined {
    if (backend !== 'cpu' && backend !== 'wasm') return undefined;
    return {
      points: 1,
      between: async () => {
        await nextTask();
        while (this.probes > 0) await new Promise<void>((r) => this.waiting.probes.push(r));
      },
    };
  }

  private async join<T>(spec: ModelSpec, work: (choice: EvalChoice) => Promise<T>): Promise<T> {
    if (this.held.count === 0) return this.evaluate(spec, work);
    const mode = this.held.mode;
    const backend = mode === 'eval' ? 'wasm' : this.train();
    const known = this.choices.get(JSON.stringify(spec));
    const reason =
      known?.backend === backend ? known.reason : `${backend}: shared with a running job`;
    return this.holding(mode, () => work({ backend, reason }));
  }

  /** Runs `work` with the training backend active: training, gradients, Hessian-vector products. */
  onTrainBackend<T>(work: () => Promise<T>): Promise<T> {
    return this.holding('train', work);
  }

  /**
   * Waits until the lock is free or held in `mode`, then holds it for `work`. Switching between
   * initialised backends is synchronous inside `tf.setBackend`, so the mode, the count and the
   * active backend change together, before any other job can run.
   */
  private async holding<T>(mode: Mode, work: () => Promise<T>): Promise<T> {
    while (this.held.count > 0 && this.held.mode !== mode) {
      await new Promise<void>((resolve) => this.waiting.drained.push(resolve));
    }
    const switching = this.held.mode !== mode;
    if (switching && mode === 'eval') this.trainName = tf.getBackend();
    this.held = { mode, count: this.held.count + 1 };
    try {
      if (switching) await tf.setBackend(mode === 'eval' ? 'wasm' : this.trainName);
      return await work();
    } finally {
      this.held.count--;
      if (this.held.count === 0) await this.release();
    }
  }

  /** Back to the training backend, then wake whoever waits for the other mode. */
  private async release(): Promise<void> {
    if (this.held.mode === 'eval') {
      this.held.mode = 'train';
      await tf.setBackend(this.trainName);
    }
    this.wake('drained');
  }

  private wake(which: 'drained' | 'probes'): void {
    const waiting = this.waiting[which];
    this.waiting[which] = [];
    waiting.forEach((wake) => wake());
  }
}
