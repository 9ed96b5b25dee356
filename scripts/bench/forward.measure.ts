/**
 * Forward-pass throughput (images/s) of every zoo model on TF.js's CPU backend (with the
 * engine's fast kernels) and on the WebAssembly backend (XNNPACK, SIMD; one thread in Node),
 * at the landscape's evaluation chunk (500). Run by hand: `npx vitest run --project measure
 * scripts/bench/forward.measure.ts`; `npm run bench` reports the same key from the browser.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { MODEL_ZOO, type ZooModelId } from '../../src/engine/model/zoo';
import { forwardImagesPerSecond } from '../../src/worker/eval-backend';

/** The worker's own calibration measure, on 1,000 images and 3 timed passes after a warm-up. */
async function imagesPerSecond(id: ZooModelId, backend: string, n: number): Promise<number> {
  await tf.setBackend(backend);
  return forwardImagesPerSecond(MODEL_ZOO[id].spec([28, 28, 1]), n, 3);
}

it('forward images per second, cpu vs wasm', async () => {
  const rows: string[] = [];
  for (const id of Object.keys(MODEL_ZOO) as ZooModelId[]) {
    const cpu = await imagesPerSecond(id, 'cpu', 1000);
    const wasm = await imagesPerSecond(id, 'wasm', 1000);
    rows.push(`| ${id} | ${cpu.toFixed(0)} | ${wasm.toFixed(0)} | ${(wasm / cpu).toFixed(1)}× |`);
  }
  console.log(
    ['| model | cpu img/s | wasm img/s | wasm/cpu |', '|---|---|---|---|', ...rows].join('\n'),
  );
});
