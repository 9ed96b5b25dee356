import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterKernel } from './cpu-conv-backprop-filter';
import { maxPoolGradKernel } from './cpu-max-pool-grad';

let installed = false;

/**
 * Replaces two CPU-backend kernels of TF.js 4.22 (the last release) whose per-element
 * TensorBuffer access makes CNN training ~30× slower than it needs to be. Idempotent; the worker
 * calls it before falling back to the CPU, and every Node test runs with it.
 */
export function installFastCpuKernels(): void {
  if (installed) return;
  installed = true;
  const kernels: Array<[string, tf.KernelFunc]> = [
    ['Conv2DBackpropFilter', conv2dBackpropFilterKernel as unknown as tf.KernelFunc],
    ['MaxPoolGrad', maxPoolGradKernel as unknown as tf.KernelFunc],
  ];
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, 'cpu')) tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  }
}
