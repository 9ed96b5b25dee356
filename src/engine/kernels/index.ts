import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterKernel } from './cpu-conv-backprop-filter';
import { conv2dBackpropInputKernel } from './cpu-conv-backprop-input';
import { conv2dKernel } from './cpu-conv2d';
import { maxPoolKernel } from './cpu-max-pool';
import { maxPoolGradKernel } from './cpu-max-pool-grad';
import { sumKernel } from './cpu-sum';
import type { FastKernel, KernelArgs } from './kernel-util';

const FAST_KERNELS: Array<[string, FastKernel]> = [
  ['Conv2DBackpropFilter', conv2dBackpropFilterKernel],
  ['MaxPoolGrad', maxPoolGradKernel],
  ['Conv2D', conv2dKernel],
  ['FusedConv2D', conv2dKernel],
  ['Conv2DBackpropInput', conv2dBackpropInputKernel],
  ['MaxPool', maxPoolKernel],
  ['Sum', sumKernel],
];

let installed = false;

/**
 * Replaces CPU-backend kernels of TF.js 4.22 (the last release) that make small-CNN training and
 * evaluation several times slower than plain typed-array loops: per-element TensorBuffer access
 * (the two gradients), float32 read-modify-write per multiply-add (the convolutions) and a
 * transpose before reducing (Sum). Each replacement handles the cases the engine uses and passes
 * every other call to the stock kernel. Idempotent; the worker calls it before falling back to
 * the CPU, and every Node test runs with it.
 */
export function installFastCpuKernels(): void {
  if (installed) return;
  installed = true;
  for (const [kernelName, fast] of FAST_KERNELS) {
    const stock = tf.getKernel(kernelName, 'cpu')?.kernelFunc;
    const kernelFunc = ((args: KernelArgs) => {
      const out = fast(args);
      if (out) return out;
      if (!stock) throw new Error(`${kernelName}: no CPU kernel for this case`);
      return stock(args as Parameters<tf.KernelFunc>[0]);
    }) as unknown as tf.KernelFunc;
    if (tf.getKernel(kernelName, 'cpu')) tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  }
}
