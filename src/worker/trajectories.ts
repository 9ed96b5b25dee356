/**
 * Trajectories of a comparison on one plane, and landscapes of any run's weights that leave the
 * explored ones alone (for side-by-side views).
 */
import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../engine/landscape/combine';
import { projectOntoPlane, trajectoryPca, trajectoryPlane } from '../engine/landscape/trajectory';
import { deriveSeed } from '../domain/random';
import type { Params } from '../engine/types';
import type {
  RunLandscape,
  RunLandscapeJob,
  RunLandscapeProgress,
  TrajectoryPath,
  TrajectoryResult,
} from '../domain/api';
import type { EvalSets } from './eval-sets';
import { LandscapeSession } from './landscape';
import type { RunStore } from './runs';

const RANDOM_LABELS = {
  label1: 'random direction d₁ (filter-normalised at w₀)',
  label2: 'random direction d₂ (filter-normalised at w₀, ⊥ d₁)',
};

const clone = (p: Params): Params =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)]));

/**
 * Projects the checkpoints of a comparison's runs, as they are kept, on a fixed random plane
 * through the first checkpoint it sees (the runs' common initial weights w₀). Owns its tensors.
 */
export class TrajectoryTracker {
  private origin: Params | null = null;
  private plane: [Params, Params] | null = null;
  private readonly paths = new Map<string, TrajectoryPath>();

  constructor(private readonly seed: number) {}

  private path(runId: string): TrajectoryPath {
    let p = this.paths.get(runId);
    if (!p) {
      p = { runId, epochs: [], a: [], b: [] };
      this.paths.set(runId, p);
    }
    return p;
  }

  private async project(params: Params): Promise<{ a: number; b: number }> {
    if (!this.origin || !this.plane) {
      this.origin = clone(params);
      this.plane = trajectoryPlane(this.origin, deriveSeed(this.seed, 'trajectory'));
    }
    const r = await projectOntoPlane([params], this.origin, ...this.plane);
    return { a: r.a[0]!, b: r.b[0]! };
  }

  /** Adds a checkpoint of `runId` (epoch 0: its initial weights). */
  async add(runId: string, epoch: number, params: Params): Promise<void> {
    const { a, b } = await this.project(params);
    const p = this.path(runId);
    p.epochs.push(epoch);
    p.a.push(a);
    p.b.push(b);
  }

  /** Marks a run's SWA/WASAM average, its solution off the path of iterates. */
  async addAveraged(runId: string, params: Params): Promise<void> {
    this.path(runId).averaged = await this.project(params);
  }

  runIds(): string[] {
    return [...this.paths.keys()];
  }

  result(): TrajectoryResult {
    const paths = [...this.paths.values()].map((p) => ({
      ...p,
      epochs: [...p.epochs],
      a: [...p.a],
      b: [...p.b],
    }));
    return { plane: 'random', ...RANDOM_LABELS, paths };
  }

  dispose(): void {
    if (this.origin) disposeParams(this.origin);
    this.plane?.forEach(disposeParams);
    this.origin = null;
    this.plane = null;
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * The PCA plane of the runs' combined trajectories (all starting at the first run's initial
 * weights w₀) with every run's checkpoints, and its SWA/WASAM average, projected on it.
 */
export async function pcaTrajectories(runs: RunStore, runIds: string[]): Promise<TrajectoryResult> {
  const records = runIds.map((id) => runs.get(id));
  const origin = records[0]?.model.checkpoints[0];
  if (!origin) throw new Error('There are no trajectories to project.');
  const checkpoints = records.map((r) => r.model.checkpoints);
  const { components, explainedVarianceRatio } = await trajectoryPca(checkpoints, origin);
  try {
    const averaged = records.map((r) => r.model.averaged?.params);
    const points = [...checkpoints.flat(), ...averaged.filter((p): p is Params => !!p)];
    const c = await projectOntoPlane(points, origin, ...components);
    let at = 0;
    let avgAt = checkpoints.flat().length;
    const paths = records.map((r, i): TrajectoryPath => {
      const n = checkpoints[i]!.length;
      const path: TrajectoryPath = {
        runId: r.info.id,
        epochs: Array.from({ length: n }, (_, k) => k),
        a: c.a.slice(at, at + n),
        b: c.b.slice(at, at + n),
      };
      at += n;
      if (averaged[i]) {
        path.averaged = { a: c.a[avgAt]!, b: c.b[avgAt]! };
        avgAt += 1;
      }
      return path;
    });
    const [e1, e2] = explainedVarianceRatio;
    return {
      plane: 'pca',
      label1: `PC1 (${pct(e1)} of variance)`,
      label2: `PC2 (${pct(e2)} of variance)`,
      explained: [e1, e2],
      paths,
    };
  } finally {
    components.forEach(disposeParams);
  }
}

/**
 * The slice (and grid) of `ref`'s weights in a session of their own, so the explored weights,
 * their slice direction and the probe stay as they are.
 */
export async function runLandscape(
  runs: RunStore,
  sets: EvalSets,
  job: RunLandscapeJob,
  onProgress: (p: RunLandscapeProgress) => void,
  isCancelled: () => boolean,
): Promise<RunLandscape> {
  const session = new LandscapeSession(runs, job.ref, sets);
  try {
    const slice = await session.slice1d(
      job.config,
      (p) => onProgress({ ...p, phase: 'slice' }),
      isCancelled,
    );
    const grid = job.grid
      ? await session.grid2d(job.config, (p) => onProgress({ ...p, phase: 'grid' }), isCancelled)
      : null;
    return { ref: job.ref, slice, grid };
  } finally {
    session.dispose();
  }
}
