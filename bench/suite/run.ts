import * as tf from '@tensorflow/tfjs';
import type { ZooModelId } from '../../src/engine';
import { builderStepsPerSecond, type BuilderSizes } from './builder-bench';
import { fitRatio } from './fit';
import { forwardImagesPerSecond, type ForwardSizes } from './forward-bench';
import { gridBench, type GridSizes } from './grid-bench';
import { round } from './stats';
import type { RoundPlan } from './stats';
import { trackingOverhead, type TrackingSizes } from './tracking-bench';
import {
  memoryDuringTraining,
  optimizerStepMs,
  zooStepsPerSecond,
  type OptimizerSizes,
  type ZooSizes,
} from './training-bench';

/** How much work each section does; see BENCHMARKS.md for the sizes actually used. */
export interface Profile {
  name: string;
  optimizers?: OptimizerSizes;
  fit?: RoundPlan & { samples: number; batch: number };
  grid?: GridSizes;
  /** Forward-pass images/s of every zoo model at the landscape's evaluation chunk. */
  forward?: ForwardSizes;
  zoo?: ZooSizes;
  /** Training steps/s of the Model builder's residual ladder and the largest interactive one. */
  builder?: BuilderSizes;
  memory?: { steps: number; every: number; batch?: number; model?: ZooModelId };
  /** Sharpness tracking at the default k vs off, in the worker's own loop (CPU only: slow). */
  tracking?: TrackingSizes;
}

/** A section's result, or why it failed (one failing section must not lose the others). */
type Section = Record<string, unknown> & { error?: string; ms?: number; tensorsLeft?: number };

export interface SuiteResult {
  backend: string;
  profile: Profile;
  sections: Record<string, Section>;
  totalMs: number;
}

async function section(
  name: string,
  log: (line: string) => void,
  fn: () => Promise<object>,
): Promise<Section> {
  log(`${name}: start`);
  const t0 = performance.now();
  const tensors = tf.memory().numTensors;
  try {
    const r = (await fn()) as Section;
    r.ms = round(performance.now() - t0);
    r.tensorsLeft = tf.memory().numTensors - tensors;
    log(`${name}: done in ${(r.ms / 1000).toFixed(1)} s`);
    return r;
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    log(`${name}: FAILED ${error}`);
    return { error, ms: round(performance.now() - t0) };
  }
}

/**
 * Runs every section the profile asks for on the current TF.js backend, the headline keys first
 * (optimizer ratios, fit, grid, forward; each section stops adding rounds at its own time budget),
 * handing the partial result to `onSection` after each, and reports the tensor count across
 * the suite (the bench's own leaks).
 */
export async function runSuite(
  profile: Profile,
  log: (line: string) => void,
  onSection: (partial: SuiteResult) => void = () => {},
): Promise<SuiteResult> {
  const t0 = performance.now();
  const p = profile;
  const out: SuiteResult = { backend: tf.getBackend(), profile, sections: {}, totalMs: 0 };
  const tensorsBefore = tf.memory().numTensors;
  const plan: Array<[string, (() => Promise<object>) | null]> = [
    ['optimizers', p.optimizers ? () => optimizerStepMs(p.optimizers!) : null],
    ['fit', p.fit ? () => fitRatio(p.fit!) : null],
    ['grid', p.grid ? () => gridBench(p.grid!) : null],
    ['forward', p.forward ? () => forwardImagesPerSecond(p.forward!) : null],
    [
      'memory',
      p.memory
        ? () =>
            memoryDuringTraining(p.memory!.steps, p.memory!.every, p.memory!.model, p.memory!.batch)
        : null,
    ],
    ['zoo', p.zoo ? () => zooStepsPerSecond(p.zoo!) : null],
    ['builder', p.builder ? () => builderStepsPerSecond(p.builder!) : null],
    ['tracking', p.tracking ? () => trackingOverhead(p.tracking!) : null],
  ];
  for (const [name, fn] of plan) {
    if (!fn) continue;
    out.sections[name] = await section(name, log, fn);
    out.totalMs = round(performance.now() - t0);
    onSection(out);
  }
  out.sections.leaks = { tensorsBefore, tensorsAfter: tf.memory().numTensors };
  return out;
}
