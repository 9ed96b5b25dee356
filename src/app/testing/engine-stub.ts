/** A recording test double of the engine for the run controller's tests. */
import { createMetricsBus } from '../metrics-bus';
import { RunController, type RunControllerDeps } from '../run-controller';
import { createFlatlandStore } from '../../store';
import type {
  GridResult,
  OptimizerId,
  RunInfo,
  SliceResult,
  TrainConfig,
  TrainEvent,
  TrainSummary,
} from '../../domain/api';

export const slice: SliceResult = {
  t: [-1, 0, 1],
  trainLoss: [2, 0.1, 2],
  testLoss: [2, 0.2, 2],
  trainAcc: [0.2, 0.9, 0.2],
  testAcc: [0.2, 0.8, 0.2],
};
export const grid: GridResult = {
  a: [0],
  b: [0],
  trainLoss: [[0.1]],
  testLoss: [[0.2]],
  trainAcc: [[0.9]],
  testAcc: [[0.8]],
  elapsedMs: 1,
};
const summary = (status: TrainSummary['status'], runId?: string): TrainSummary => ({
  ...(runId ? { runId } : {}),
  status,
  steps: 2,
  epochs: 1,
  elapsedMs: 10,
  stepsPerSecond: 200,
  final: null,
});
const events: TrainEvent[] = [
  { kind: 'step', step: 1, epoch: 1, loss: 2, lr: 0.05, totalSteps: 2, elapsedMs: 5 },
  { kind: 'step', step: 2, epoch: 1, loss: 1, lr: 0.05, totalSteps: 2, elapsedMs: 10 },
];

const NAMES: Record<OptimizerId, string> = {
  sgd: 'SGD',
  adam: 'Adam',
  swa: 'SWA',
  sam: 'SAM',
  wasam: 'WASAM',
  fge: 'FGE',
};

/** What the worker's run store would list for a run trained with `config`. */
function runInfo(id: string, config: TrainConfig, status: TrainSummary['status']): RunInfo {
  const averaging = config.optimizer === 'swa' || config.optimizer === 'wasam';
  return {
    id,
    name: NAMES[config.optimizer],
    color: `#${id.length}0${id.length}0${id.length}0`,
    config,
    summary: summary(status, id),
    hasAverage: averaging,
    checkpoints: config.epochs + 1,
  };
}

type Engine = RunControllerDeps['engine'];

/** Slice, grid and probe; `holdGrid` keeps the grid open until the returned function runs. */
function landscapeStub(calls: string[]) {
  let gridGate: Promise<void> | null = null;
  const methods: Pick<
    Engine,
    'slice1d' | 'grid2d' | 'evaluateAt' | 'evaluateAt2d' | 'probeImages' | 'cancel'
  > = {
    slice1d: async (_c, p) => (calls.push('slice'), p({ done: 3, total: 3 }), slice),
    grid2d: async (_c, p) => {
      calls.push('grid');
      p({ done: 1, total: 1 });
      if (gridGate) await gridGate;
      return grid;
    },
    evaluateAt: async (t) => (
      calls.push(`eval:${t}`),
      { t, ...grid, trainLoss: t, trainAcc: 0.5, testLoss: t, testAcc: 0.5 }
    ),
    evaluateAt2d: async (a, b) => (
      calls.push(`eval2d:${a},${b}`),
      { a, b, trainLoss: a + b, trainAcc: 0.5, testLoss: a - b, testAcc: 0.5, predicted: [1, 2] }
    ),
    probeImages: async () => (
      calls.push('images'),
      {
        dataset: 'mnist',
        count: 2,
        pixels: new Array<number>(2 * 784).fill(0),
        labels: [1, 3],
        classes: ['0', '1', '2', '3'],
      }
    ),
    cancel: async () => void calls.push('cancel'),
  };
  const holdGrid = () => {
    let open: () => void = () => undefined;
    gridGate = new Promise<void>((r) => (open = r));
    return () => {
      gridGate = null;
      open();
    };
  };
  return { methods, holdGrid };
}

/** The worker's run store: training adds a run once `finishTraining` releases it. */
function runsStub(calls: string[], status: TrainSummary['status']) {
  const runs: RunInfo[] = [];
  let release: () => void = () => undefined;
  const trainOnce = async (config: TrainConfig, onEvents: (events: TrainEvent[]) => void) => {
    onEvents(events);
    await new Promise<void>((r) => (release = r));
    const info = runInfo(`run-${runs.length + 1}`, config, status);
    runs.push(info);
    return info;
  };
  const methods: Pick<Engine, 'train' | 'compare' | 'listRuns' | 'deleteRun' | 'selectWeights'> = {
    train: async (config, onEvents) => {
      calls.push('train');
      return (await trainOnce(config, onEvents)).summary;
    },
    compare: async (config, onEvents) => {
      calls.push('compare');
      const out: RunInfo[] = [];
      for (const optimizer of ['sgd', 'swa', 'sam', 'wasam'] as const) {
        const id = `run-${runs.length + 1}`;
        out.push(await trainOnce({ ...config, optimizer }, (e) => onEvents(id, e)));
        if (status === 'stopped') break;
      }
      return out;
    },
    listRuns: async () => (calls.push('list'), runs.map((r) => ({ ...r }))),
    deleteRun: async (id) => {
      calls.push(`delete:${id}`);
      runs.splice(
        runs.findIndex((r) => r.id === id),
        1,
      );
    },
    selectWeights: async (ref) => void calls.push(`select:${ref.runId}:${String(ref.which)}`),
  };
  return { methods, runs, finishTraining: () => release() };
}

/** A recording test double of the engine; `finishTraining` lets a test hold training open. */
function stubEngine(status: TrainSummary['status'] = 'finished') {
  const calls: string[] = [];
  const landscape = landscapeStub(calls);
  const training = runsStub(calls, status);
  const engine: Engine = {
    init: async (r) => (calls.push(`init:${r}`), { active: 'cpu', requested: r }),
    loadDataset: async (id) => (calls.push('load'), { id, train: 60000, test: 10000, loadMs: 1 }),
    pause: async () => void calls.push('pause'),
    resume: async () => void calls.push('resume'),
    stop: async () => void calls.push('stop'),
    ...landscape.methods,
    ...training.methods,
  };
  const { runs, finishTraining } = training;
  return { engine, calls, runs, finishTraining, holdGrid: landscape.holdGrid };
}

export const tick = () => new Promise((r) => setTimeout(r, 0));

export function setup(
  status: TrainSummary['status'] = 'finished',
  extra: Pick<RunControllerDeps, 'afterCompare'> = {},
) {
  const stub = stubEngine(status);
  const store = createFlatlandStore();
  const bus = createMetricsBus();
  const controller = new RunController({
    engine: stub.engine,
    store,
    bus,
    backend: 'cpu',
    ...extra,
  });
  return { ...stub, store, bus, controller };
}

/**
 * Trains one run to its end while the landscape's grid is held, so the landscape stays at 'grid'
 * until `releaseGrid()`: the state in which a new run or other weights must wait or cancel.
 */
export async function trainWithGridHeld(s: ReturnType<typeof setup>) {
  const releaseGrid = s.holdGrid();
  const training = s.controller.train();
  await tick();
  s.finishTraining();
  await tick();
  return { training, releaseGrid };
}
