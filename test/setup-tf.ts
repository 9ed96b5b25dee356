// Every Node test runs on the TF.js CPU backend with the engine's kernel fixes installed, as the
// worker does when it falls back to the CPU.
import { installFastCpuKernels } from '../src/engine/kernels';

installFastCpuKernels();
