// Every Node test runs on the TF.js CPU backend with the engine's kernel fixes installed, as the
// worker does when it falls back to the CPU. Set here once, before each test file's own hooks, so
// the files need not each say so.
import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';
import { installFastCpuKernels } from '../src/engine/kernels';

installFastCpuKernels();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
