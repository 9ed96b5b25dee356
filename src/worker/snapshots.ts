/**
 * Fast Geometric Ensembling's snapshots (Garipov et al. 2018): the loop keeps a copy of the
 * weights and BatchNorm statistics after each step at a cycle's midpoint (`plan.snapshots`,
 * engine `fgeSnapshots`); the run keeps them for the ensemble analysis.
 */
import * as tf from '@tensorflow/tfjs';
import { swaTakes } from '../engine/optim/swa';
import type { ModelState, Params } from '../engine/types';
import type { StepState } from './loop-state';

/** One snapshot: the 1-based step after which it was taken, its weights and BN statistics. */
export interface Snapshot {
  step: number;
  params: Params;
  state: ModelState;
}

const handles = <T extends Params | ModelState>(p: T): T =>
  Object.fromEntries(Object.entries(p).map(([k, t]) => [k, tf.clone(t)])) as T;

/** Keeps a snapshot when the step just taken is one of the plan's (new handles, no copy). */
export function takeSnapshot(state: StepState): void {
  const plan = state.plan.snapshots;
  const step = state.ts.step;
  if (!plan || !swaTakes(plan, step)) return;
  state.snapshots.push({
    step,
    params: handles(state.ts.params),
    state: handles(state.ts.modelState),
  });
}

export function disposeSnapshots(snapshots: readonly Snapshot[]): void {
  for (const s of snapshots) tf.dispose([...Object.values(s.params), ...Object.values(s.state)]);
}
