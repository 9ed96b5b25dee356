/**
 * One seed of one full Reproduce preset, in Node on TF.js's CPU backend: the unit of work that
 * `scripts/device/presets-parallel.sh` spreads over a many-core machine (scripts/device/presets-parallel.sh) (the presets' seeds are
 * independent; each seed's runs stay paired inside one process). Writes the seed's measures as
 * JSON; `node scripts/presets.mjs --merge=DIR` judges the claims on all seeds together.
 *
 * Usage (bundled by presets-parallel.sh): node presets-seed.mjs <preset> <seed> <publicDir> <out>
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runPreset } from '../../src/app/presets-runner';
import { findPreset, type PresetId } from '../../src/domain/reproduce/presets';
import { installFastCpuKernels } from '../../src/engine/kernels';
import { publicLoader } from '../../src/headless/experiment';
import { createWorkerApi } from '../../src/worker/service';

async function main(): Promise<void> {
  const [id, seedArg, publicDir, out] = process.argv.slice(2);
  const full = findPreset(id as PresetId, 'full');
  if (!full || !publicDir || !out) throw new Error('usage: <preset> <seed> <publicDir> <out>');
  const seed = Number(seedArg);
  if (!full.seeds.includes(seed)) throw new Error(`${id} has no seed ${seed}`);
  installFastCpuKernels();
  await tf.setBackend('cpu');
  const api = createWorkerApi(publicLoader((p) => readFile(join(publicDir, p))));
  const started = Date.now();
  let last = '';
  const outcome = await runPreset({ ...full, seeds: [seed] }, api, (p) => {
    if (p.text === last) return;
    last = p.text;
    console.log(`${id}/${seed}: ${((Date.now() - started) / 1000).toFixed(0)} s ${p.text}`);
  });
  const result = {
    preset: id,
    seed,
    status: outcome.status,
    seeds: outcome.seeds,
    ms: Date.now() - started,
  };
  await writeFile(out, JSON.stringify(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
