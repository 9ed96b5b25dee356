/**
 * Reproduce presets in Node (`node scripts/presets.mjs --headless`): the app's own runner, worker
 * service and engine on TF.js's CPU backend, without a browser, so a preset's statistics can be
 * checked end to end on a machine with no GPU. `reduce` makes a smaller run (fewer seeds or
 * epochs) for a quick look; the verdicts of a reduced run say nothing about the full one.
 */
import * as tf from '@tensorflow/tfjs';
import { judgePreset, runPreset, type PresetOutcome } from '../app/presets-runner';
import { claimSummary, type ClaimSummary } from '../features/reproduce/claims-table';
import { findPreset, type Preset, type PresetId } from '../domain/reproduce/presets';
import { installFastCpuKernels } from '../engine/kernels';
import { createWorkerApi } from '../worker/service';
import { publicLoader, type ExperimentIo } from './experiment';

export interface Reduction {
  /** The first this many seeds of the preset. */
  seeds?: number;
  /** This many epochs; averaging starts at the same fraction of the budget. */
  epochs?: number;
}

/** The preset with fewer seeds or epochs; unchanged when the reduction is empty. */
export function reduce(preset: Preset, r: Reduction): Preset {
  const seeds = r.seeds ? preset.seeds.slice(0, r.seeds) : preset.seeds;
  const epochs = r.epochs ?? preset.train.epochs;
  if (seeds.length === preset.seeds.length && epochs === preset.train.epochs) return preset;
  return {
    ...preset,
    label: `${preset.label} (reduced: ${seeds.length} seeds, ${epochs} epochs)`,
    train: { ...preset.train, epochs },
    seeds,
  };
}

export interface HeadlessResult {
  preset: PresetId;
  label: string;
  minutes: number;
  status: PresetOutcome['status'];
  claims: ClaimSummary[];
  /** Per seed, per arm: every number the claims were judged on. */
  seeds: PresetOutcome['seeds'];
}

/** Runs each preset on a fresh worker service (its runs' checkpoints do not pile up). */
export async function runPresetsHeadless(
  ids: PresetId[],
  reduction: Reduction,
  io: ExperimentIo,
): Promise<HeadlessResult[]> {
  const log = io.log ?? console.log;
  installFastCpuKernels();
  await tf.setBackend('cpu');
  const results: HeadlessResult[] = [];
  for (const id of ids) {
    const full = findPreset(id, 'full');
    if (!full) throw new Error(`unknown preset ${id}`);
    const preset = reduce(full, reduction);
    const api = createWorkerApi(publicLoader(io.readPublic));
    let last = '';
    const started = Date.now();
    const outcome = await runPreset(preset, api, (p) => {
      if (p.text === last) return;
      last = p.text;
      const s = ((Date.now() - started) / 1000).toFixed(0);
      log(`${id}: ${s} s, ${Math.round((100 * p.done) / p.total)}% ${p.text}`);
    });
    results.push({
      preset: id,
      label: preset.label,
      minutes: Number((outcome.elapsedMs / 60_000).toFixed(2)),
      status: outcome.status,
      claims: outcome.claims.map(claimSummary),
      seeds: outcome.seeds,
    });
  }
  return results;
}

/**
 * A full preset judged on seeds measured elsewhere, e.g. one process per seed on a many-core
 * machine (`scripts/device/presets-seed.ts`): each seed's runs are paired inside its process, and
 * the claims need only the per-seed measures.
 */
export function judgeSeeds(
  id: PresetId,
  seeds: PresetOutcome['seeds'],
  ms: number,
): HeadlessResult {
  const preset = findPreset(id, 'full');
  if (!preset) throw new Error(`unknown preset ${id}`);
  const sorted = [...seeds].sort((a, b) => a.seed - b.seed);
  return {
    preset: id,
    label: preset.label,
    minutes: Number((ms / 60_000).toFixed(2)),
    status: 'finished',
    claims: judgePreset(preset, sorted).map(claimSummary),
    seeds: sorted,
  };
}

/**
 * Whether two presets train and probe exactly alike (same training settings, arms, seeds
 * and probes), so that one's per-seed measures are the other's: only their claims differ. The
 * training and measurements are deterministic per seed on the CPU backend (the same seed gives
 * bitwise the same numbers in another process), so running both would only repeat the work.
 */
export function sameRuns(a: PresetId, b: PresetId): boolean {
  const [pa, pb] = [findPreset(a, 'full'), findPreset(b, 'full')];
  if (!pa || !pb) return false;
  const runs = (p: Preset) => JSON.stringify([p.train, p.arms, p.seeds, p.probe]);
  return runs(pa) === runs(pb);
}
