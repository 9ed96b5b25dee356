/**
 * Forward-pass throughput (images/s) of every zoo model on TF.js's CPU backend (with the
 * engine's fast kernels) and on the WebAssembly backend (XNNPACK, SIMD; one thread in Node),
 * at the landscape's evaluation chunk (500). Run by hand: `npx vitest run --project measure
 * scripts/bench/forward.measure.ts`; `npm run bench` reports the same key from the browser.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { initModel } from '../../src/engine/model/init';
import { MODEL_ZOO, type ZooModelId } from '../../src/engine/model/zoo';

async function imagesPerSecond(id: ZooModelId, backend: string, n: number): Promise<number> {
  await tf.setBackend(backend);
  const spec = MODEL_ZOO[id].spec([28, 28, 1]);
  const { params, state } = initModel(spec, 1);
  const x = tf.randomUniform([n, 28, 28, 1]) as tf.Tensor4D;
  const y = tf.zeros([n], 'int32') as tf.Tensor1D;
  const once = async () => {
    const r = evaluate(spec, params, state, x, y);
    await r.loss.data();
    tf.dispose([r.loss, r.accuracy]);
  };
  await once();
  const t0 = performance.now();
  const reps = 3;
  for (let i = 0; i < reps; i++) await once();
  const s = (performance.now() - t0) / 1000 / reps;
  tf.dispose([x, y, ...Object.values(params), ...Object.values(state)]);
  return n / s;
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
