/**
 * The UI thread's handle on the engine worker. All training and evaluation happens in the worker;
 * callbacks cross the thread boundary as Comlink proxies.
 *
 * The client is the worker contract (`FlatlandWorkerApi`, src/domain/api.ts) itself, cut into
 * groups by name: each group's type is a `Pick` of the contract and the forwarding code is
 * generated from the same name lists, so a method's signature is written once, in the domain.
 */
import * as Comlink from 'comlink';
import type { FlatlandWorkerApi, RunImport } from '../domain/api';
import type { PickedFile } from '../domain/imported-data';

type Method = keyof FlatlandWorkerApi;

/**
 * The contract's methods by what uses them: consumers and test doubles ask for the groups they
 * call, so a double of the training flow need not stub the analysis tools.
 */
const GROUPS = {
  /** Backend, dataset, training and the explored weights' slice and grid. */
  engine: [
    'init',
    'loadDataset',
    'train',
    'pause',
    'resume',
    'stop',
    'slice1d',
    'grid2d',
    'evaluateAt',
  ],
  /** The perturbation sliders' extra operations: the 2D plane and the strip of test images. */
  probe: ['evaluateAt2d', 'probeImages'],
  /** The analysis tools (run list, θ(α), sharpness, ensembles, curves, convexity map, cancel). */
  analysis: [
    'listRuns',
    'interpolate',
    'sharpness',
    'ensembles',
    'connect',
    'curvatureMap',
    'cancel',
  ],
  /** A four-optimizer comparison, deleting a run and choosing the weights the landscape explores. */
  runs: ['compare', 'deleteRun', 'selectWeights'],
  /** Saving and restoring runs (their events and weights leave and re-enter the worker), model import. */
  persistence: ['exportRun', 'importRun', 'renameRun', 'restoreLandscape', 'importModel'],
  /** Trajectories of a comparison and landscapes of any run (side by side, Reproduce presets). */
  explore: ['trajectories', 'trajectoryPca', 'runLandscape', 'decisionBoundary'],
  /** Importing a person's dataset, listing and deleting the imported ones (IndexedDB, in the worker). */
  dataImport: ['importData', 'listImportedData', 'deleteImportedData'],
} as const satisfies Record<string, readonly Method[]>;

type Group = keyof typeof GROUPS;
type ClientOf<G extends Group> = Pick<FlatlandWorkerApi, (typeof GROUPS)[G][number]>;

export type EngineClient = ClientOf<'engine'>;
export type ProbeClient = ClientOf<'probe'>;
export type AnalysisClient = ClientOf<'analysis'>;
export type RunsClient = ClientOf<'runs'>;
export type PersistenceClient = ClientOf<'persistence'>;
export type ExploreClient = ClientOf<'explore'>;
export type DataImportClient = ClientOf<'dataImport'>;

/** The whole client: every method of the contract. */
export type WorkerClient = EngineClient &
  ProbeClient &
  AnalysisClient &
  RunsClient &
  PersistenceClient &
  ExploreClient &
  DataImportClient;

/** Every method of the contract, each in one group (the check below keeps it so). */
export const CLIENT_METHODS: readonly Method[] = Object.values(GROUPS).flat();

// A method added to the contract but to no group fails to compile here, not at run time.
type Unlisted = Exclude<Method, (typeof GROUPS)[Group][number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

/** Every ArrayBuffer of an import, so the weights move to the worker instead of being copied. */
function importBuffers(run: RunImport): ArrayBuffer[] {
  const w = run.weights;
  const arrays = [...w.checkpoints, w.final, w.state, w.averaged?.params, w.averaged?.state];
  return [...new Set(arrays.filter((a) => !!a).map((a) => a!.buffer as ArrayBuffer))];
}

/**
 * One argument as it must cross the thread boundary: a callback (events, progress, the coarse
 * grid) becomes a Comlink proxy, so the worker calls back into this thread; an import's weights
 * are transferred; anything else is structured-cloned.
 */
function crossing(method: Method, arg: unknown): unknown {
  if (typeof arg === 'function') return Comlink.proxy(arg);
  if (method === 'importRun') return Comlink.transfer(arg, importBuffers(arg as RunImport));
  // The picked files' bytes move to the worker (read once there, never needed here again).
  if (method === 'importData')
    return Comlink.transfer(arg, [...new Set((arg as PickedFile[]).map((f) => f.bytes.buffer))]);
  return arg;
}

/** The client over a wrapped worker (or anything shaped like it, in tests). */
export function forwardTo(api: Comlink.Remote<FlatlandWorkerApi>): WorkerClient {
  const call = api as unknown as Record<Method, (...args: unknown[]) => Promise<unknown>>;
  const entries = CLIENT_METHODS.map((method) => [
    method,
    (...args: unknown[]) => call[method](...args.map((a) => crossing(method, a))),
  ]);
  return Object.fromEntries(entries) as WorkerClient;
}

/**
 * Starts the worker. `onCrash` reports errors that escape every RPC (a worker script that fails to
 * load, an uncaught exception): pending calls would otherwise wait forever without a word.
 */
export function createWorkerClient(onCrash: (message: string) => void): WorkerClient {
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => {
    onCrash(event.message || 'The engine worker failed to start');
  });
  worker.addEventListener('messageerror', () => {
    onCrash('A message from the engine worker could not be read');
  });
  return forwardTo(Comlink.wrap<FlatlandWorkerApi>(worker));
}
