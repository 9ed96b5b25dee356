/** Training RPCs of the worker: one run, a comparison, and moving off a lost GPU device. */
import { COMPARE_ORDER, OPTIMIZER_COLORS } from '../domain/optimizers';
import type { Dataset } from '../data/load';
import type { Params } from '../engine/types';
import type { BackendInfo, RunInfo, TrainConfig, TrainEvent } from '../domain/api';
import { onGpu, selectFallback } from './backend';
import { RunControl } from './run-control';
import { LiveRun, runSpec } from './run-import';
import type { WorkerState } from './service-state';
import { stepJob } from './train-calibration';
import { runTraining } from './train-loop';
import { TrajectoryTracker } from './trajectories';

type OnEvents = (runId: string, events: TrainEvent[]) => void;

/**
 * A readback fails at once when the device goes, while its `lost` promise settles a task or more
 * later; on a loaded machine that took over a second (a merged-suite run failed at 1 s), so wait up
 * to this long before calling a failure something else.
 */
const LOSS_SETTLE_MS = 10_000;

/**
 * After a failure: if the GPU device was lost, drops everything that lived on it (runs, the
 * explored weights, evaluation samples) and switches to the next backend; null otherwise.
 */
export async function recoverDevice(s: WorkerState): Promise<BackendInfo | null> {
  if (!s.deviceLost && !onGpu()) return null;
  for (let waited = 0; !s.deviceLost && waited < LOSS_SETTLE_MS; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const lost = s.deviceLost;
  if (!lost) return null;
  s.explorer.close();
  s.runs.list().forEach((r) => s.runs.delete(r.id));
  s.sets.dispose();
  const info = await selectFallback('webgpu', lost);
  s.deviceLost = null;
  s.control?.clearFailure();
  return info;
}

/** A device lost between runs: move to the fallback backend first and say so. */
async function moveOffLostDevice(s: WorkerState, id: string, onEvents: OnEvents) {
  const moved = s.deviceLost ? await recoverDevice(s) : null;
  if (!moved) return;
  const message = `${moved.fallbackReason}. Earlier runs were lost with it; training runs on ${moved.active}.`;
  onEvents(id, [{ kind: 'backend', info: moved, resumedFromStep: 0, message }]);
}

/**
 * Before the run's tensors exist: the backend calibrated for its model (see `TrainingCalibrator`),
 * told to the page when a calibration decided. Not part of the run's own events (not saved).
 */
async function calibrate(
  s: WorkerState,
  id: string,
  config: TrainConfig,
  dataset: Dataset,
  onEvents: OnEvents,
) {
  // A batch larger than the data fails the run at once (prepareData): nothing to time.
  if (config.batchSize > dataset.train.count) return;
  try {
    const job = stepJob(config, runSpec(config, dataset.classes.length));
    const info = await s.calibrator.before(job);
    if (info) onEvents(id, [{ kind: 'calibration', info }]);
  } catch (error) {
    // Choosing a faster backend is an optimisation: the run trains where it is if it fails.
    console.warn('Training backend calibration failed:', error);
  }
}

/** The run's record for saving while it trains, and the training loop's hooks feeding it. */
function liveHooks(
  s: WorkerState,
  id: string,
  config: TrainConfig,
  dataset: Dataset,
  io: { control: RunControl; onEvents: OnEvents; track: TrajectoryTracker | undefined },
) {
  const name = s.runs.defaultName(config.optimizer);
  const spec = runSpec(config, dataset.classes.length);
  const live = new LiveRun(id, name, OPTIMIZER_COLORS[config.optimizer], config, spec);
  s.live = live;
  const emit = (events: TrainEvent[]) => {
    live.events.push(...events);
    io.onEvents(id, events);
  };
  const onEpochEnd = live.record.bind(live);
  const track = io.track;
  const onCheckpoint = track && ((epoch: number, p: Params) => track.add(id, epoch, p));
  const recover = () => recoverDevice(s);
  const hooks = { control: io.control, emit, onEpochEnd, recover };
  return { live, hooks: onCheckpoint ? { ...hooks, onCheckpoint } : hooks };
}

/** Trains one run, stores it and makes its solution the explored weights. */
export async function trainOne(
  s: WorkerState,
  config: TrainConfig,
  onEvents: OnEvents,
  track?: TrajectoryTracker,
): Promise<RunInfo> {
  if (s.control) throw new Error('A run is already training: stop it first.');
  // Taken before the first await, so a second call or a stop() during loading sees this run.
  const control = new RunControl();
  s.control = control;
  const id = s.runs.nextId();
  let live: LiveRun | null = null;
  try {
    await moveOffLostDevice(s, id, onEvents);
    const dataset = await s.datasets.get(config.dataset, config.toy, config.imported);
    await calibrate(s, id, config, dataset, onEvents);
    const run = liveHooks(s, id, config, dataset, { control, onEvents, track });
    live = run.live;
    const { summary, model } = await runTraining(config, dataset, run.hooks);
    const info = s.runs.add(id, config, summary, model, dataset, live.events, live.name);
    await s.jobs.run(() => s.explorer.select(s.runs.solution(info.id)));
    return info;
  } finally {
    if (s.control === control) s.control = null;
    if (live && s.live === live) s.live = null;
  }
}

/** SGD, SWA, SAM and WASAM from the same seed, one after another, with their trajectories. */
export async function compare(
  s: WorkerState,
  config: TrainConfig,
  onEvents: OnEvents,
): Promise<RunInfo[]> {
  const out: RunInfo[] = [];
  s.trajectory?.dispose();
  const track = new TrajectoryTracker(config.seed);
  s.trajectory = track;
  for (const optimizer of COMPARE_ORDER) {
    const info = await trainOne(s, { ...config, optimizer }, onEvents, track);
    const averaged = s.runs.get(info.id).model.averaged;
    if (averaged) await track.addAveraged(info.id, averaged.params);
    out.push(info);
    // A diverged run stopped by itself; the next optimizer may well train at this rate.
    if (info.summary.status === 'stopped' && !info.summary.diverged) break;
  }
  return out;
}
