/** Connects two runs in the worker for the panel's form: the request, its checks and the job. */
import type { AnalysisClient } from '../../app/worker-client';
import type { FlatlandStore } from '../../store';
import { analysisBlocker, jobError } from '../../app/analysis-status';
import type {
  ConnectConfig,
  ConnectResult,
  LandscapeConfig,
  RunInfo,
  WeightsRef,
} from '../../domain/api';
import { compatible, isValidRef, weightsLabel } from '../../domain/weights';

/** The form: the two ends and how the curve trains and is evaluated. */
export interface ConnectDraft extends Pick<
  ConnectConfig,
  'kind' | 'epochs' | 'batchSize' | 'lr' | 'momentum' | 'points' | 'gridPoints'
> {
  a: WeightsRef | null;
  b: WeightsRef | null;
}

/**
 * Garipov et al.'s curve training is SGD with momentum 0.9 and their lr schedule; 10 passes over
 * a browser-sized subset, 11 points along t and an 11 × 11 plane keep it to a minute on a GPU.
 */
export const DEFAULT_CONNECT: ConnectDraft = {
  a: null,
  b: null,
  kind: 'bezier',
  epochs: 10,
  batchSize: 32,
  lr: 0.05,
  momentum: 0.9,
  points: 11,
  gridPoints: 11,
};

/** What the panel shows: the result with the names of its ends, taken when it started. */
export interface ConnectOutcome {
  config: ConnectConfig;
  labelA: string;
  labelB: string;
  result: ConnectResult;
}

/** Why the form cannot be computed as it stands, or null. */
export function connectProblem(draft: ConnectDraft, runs: readonly RunInfo[]): string | null {
  if (!isValidRef(runs, draft.a) || !isValidRef(runs, draft.b)) return 'Choose A and B.';
  const a = runs.find((r) => r.id === draft.a!.runId)!;
  const b = runs.find((r) => r.id === draft.b!.runId)!;
  if (!compatible(a, b)) return 'A and B must be the same model trained on the same dataset.';
  if (draft.a!.runId === draft.b!.runId && draft.a!.which === draft.b!.which)
    return 'A and B are the same weights.';
  return null;
}

/** The worker request, on the landscape's fixed samples and labels (like θ(α)). */
export function connectConfig(
  draft: ConnectDraft,
  landscape: Pick<LandscapeConfig, 'evalSamples' | 'seed' | 'labels'>,
): ConnectConfig | null {
  if (!draft.a || !draft.b) return null;
  const { a, b, ...rest } = draft;
  return {
    a,
    b,
    ...rest,
    weightDecay: 0,
    evalSamples: landscape.evalSamples,
    seed: landscape.seed,
    ...(landscape.labels && { labels: landscape.labels }),
  };
}

export interface ConnectJobDeps {
  engine: Pick<AnalysisClient, 'connect'>;
  store: FlatlandStore;
}

/** Runs the job; resolves with the outcome, or with the message that says why there is none. */
export async function runConnect(
  { engine, store }: ConnectJobDeps,
  draft: ConnectDraft,
): Promise<{ outcome: ConnectOutcome } | { error: string } | null> {
  const s = store.getState();
  const config = connectConfig(draft, s.landscapeConfig);
  const problem = analysisBlocker(s) ?? connectProblem(draft, s.runs);
  if (problem !== null || !config) return problem ? { error: problem } : null;
  if (!s.startAnalysisJob('connect')) return null;
  const labelA = weightsLabel(s.runs, config.a);
  const labelB = weightsLabel(s.runs, config.b);
  try {
    const result = await engine.connect(config, (progress) =>
      store.getState().reportAnalysisJob({ progress }),
    );
    return { outcome: { config, labelA, labelB, result } };
  } catch (error) {
    return { error: jobError('Connecting', error) };
  } finally {
    store.getState().finishAnalysisJob();
  }
}
