import type { Profile } from './run';

/**
 * Sizes of the bench run, per backend, sized so that `npm run bench` takes about 20 minutes on
 * the reference machine: 2 shared cores and no GPU, where WebGPU and WebGL run on SwiftShader
 * (a CPU emulation of a GPU, ~100× slower than a real one, and paying seconds of shader
 * compilation per new kernel). Every timed section runs a warm-up round, then `rounds` timed
 * rounds, fewer (never below `minRounds`, default 3) where the next would overrun `budgetS`.
 * BENCHMARKS.md lists the sizes and the rounds actually run. On a machine with a real GPU,
 * `npm run bench -- --profile=full` measures every backend at the intended sizes.
 */
/**
 * `forward_images_per_s`: the landscape's evaluation chunk (500 images), one chunk per timed block
 * after a warm-up, every zoo model.
 */
const FORWARD = { chunk: 500, chunks: 1, rounds: 7, budgetS: 60 };

/** Two epochs of the default run (62 steps, λ_max at steps 0, 10, …, 60) per timed block. */
const TRACKING = { epochs: 2, rounds: 3, minRounds: 2, budgetS: 150 };

/** The Model builder's ladder at batch 32 (the default run's), 4 steps per timed block. */
const BUILDER = { steps: 4, batch: 32, rounds: 3, minRounds: 1, budgetS: 120 };

export const PROFILES: Record<string, Profile> = {
  full: {
    name: 'full',
    optimizers: { samples: 1024, batch: 64, rounds: 7 },
    fit: { samples: 1024, batch: 64, rounds: 5 },
    grid: { samples: 256, cols: 21, rounds: 5 },
    forward: { chunk: 500, chunks: 2, rounds: 5 },
    zoo: { samples: 512, steps: 4, rounds: 3, batches: [64, 128] },
    memory: { steps: 40, every: 5 },
    builder: BUILDER,
  },
  // On SwiftShader's WebGPU a tiny-cnn step takes ~5 s whatever the batch (it is dispatch-bound:
  // tens of ms per kernel launch) and each new kernel seconds of compilation, so the optimizer
  // and fit comparisons use an epoch of 2 steps at batch 16 (SWA/WASAM still average once per
  // timed block), the grid is 5 points wide, and the zoo is left to the other backends (each
  // new model would cost minutes of shader compilation). The forward section times one chunk per
  // model after its warm-up (tiny-cnn: ~45 s per 500-image chunk there), whatever of the zoo fits
  // its budget.
  webgpu: {
    name: 'webgpu',
    optimizers: { samples: 32, batch: 16, rounds: 3, budgetS: 150 },
    fit: { samples: 32, batch: 16, rounds: 3, budgetS: 60 },
    grid: { samples: 16, cols: 5, rounds: 2, minRounds: 2, budgetS: 60 },
    forward: { ...FORWARD, rounds: 1, budgetS: 300 },
    memory: { steps: 2, every: 1, batch: 16 },
    // One rung at most: each new model costs minutes of shader compilation on SwiftShader.
    builder: { ...BUILDER, steps: 1, rounds: 1, budgetS: 120 },
  },
  webgl: {
    name: 'webgl',
    optimizers: { samples: 256, batch: 64, rounds: 5, budgetS: 100 },
    fit: { samples: 128, batch: 64, rounds: 5, budgetS: 45 },
    grid: { samples: 32, cols: 21, rounds: 3, budgetS: 60 },
    forward: FORWARD,
    memory: { steps: 4, every: 2 },
    zoo: { samples: 128, steps: 1, rounds: 3, minRounds: 1, batches: [64, 128], budgetS: 60 },
    builder: { ...BUILDER, steps: 2 },
  },
  cpu: {
    name: 'cpu',
    optimizers: { samples: 256, batch: 64, rounds: 7, budgetS: 90 },
    fit: { samples: 128, batch: 64, rounds: 5, budgetS: 40 },
    grid: { samples: 32, cols: 21, rounds: 5, budgetS: 60 },
    forward: FORWARD,
    memory: { steps: 4, every: 2 },
    zoo: { samples: 128, steps: 1, rounds: 3, minRounds: 1, batches: [64, 128], budgetS: 60 },
    builder: BUILDER,
  },
  node: {
    name: 'node',
    optimizers: { samples: 256, batch: 64, rounds: 7, budgetS: 100 },
    fit: { samples: 256, batch: 64, rounds: 5, budgetS: 45 },
    grid: { samples: 64, cols: 21, rounds: 3, budgetS: 60 },
    forward: FORWARD,
    zoo: { samples: 256, steps: 2, rounds: 2, minRounds: 1, batches: [64, 128], budgetS: 60 },
    builder: BUILDER,
    tracking: TRACKING,
  },
  // TF.js's WebAssembly backend (XNNPACK, SIMD, one thread: as the app's worker runs it below 4
  // logical cores, e.g. on the reference machine; threads are not benched), in the browser and in Node: forward passes only, since it cannot train a CNN (no
  // Conv2DBackpropFilter in TF.js 4.22), which is all the app asks of it.
  wasm: { name: 'wasm', forward: FORWARD },
  // A real GPU (e.g. the H200 of scripts/device/): the full sizes and more, so each kernel does
  // enough work to leave the launch overhead behind; budgets bound a backend that turns out slow.
  gpu: {
    name: 'gpu',
    optimizers: { samples: 4096, batch: 256, rounds: 5, budgetS: 60 },
    fit: { samples: 4096, batch: 256, rounds: 5, budgetS: 30 },
    grid: { samples: 1024, cols: 41, rounds: 3, budgetS: 40 },
    forward: { ...FORWARD, chunks: 4, budgetS: 40 },
    memory: { steps: 40, every: 5, batch: 256 },
    zoo: { samples: 1024, steps: 4, rounds: 3, minRounds: 1, batches: [128, 512], budgetS: 40 },
    builder: { ...BUILDER, steps: 8, budgetS: 60 },
  },
  // The least that exercises the page end to end (the device kit's local SwiftShader test).
  tiny: {
    name: 'tiny',
    grid: { samples: 8, cols: 3, rounds: 1, minRounds: 1 },
  },
  // The Model builder's ladder alone (`?profile=builder` on the bench page, any backend).
  builder: { name: 'builder', builder: BUILDER },
  // Sharpness tracking's overhead alone (`node bench/dist/node/node.js <out> tracking`).
  tracking: { name: 'tracking', tracking: TRACKING },
  smoke: {
    name: 'smoke',
    optimizers: { samples: 32, batch: 16, rounds: 2, minRounds: 1 },
    fit: { samples: 32, batch: 16, rounds: 1 },
    grid: { samples: 16, cols: 5, rounds: 2 },
    zoo: { samples: 32, steps: 1, rounds: 1, batches: [16] },
    memory: { steps: 2, every: 1, batch: 16 },
  },
};

export function profile(name: string | null | undefined): Profile {
  const p = PROFILES[name ?? 'full'];
  if (!p) throw new Error(`unknown bench profile "${name}" (${Object.keys(PROFILES).join(', ')})`);
  return p;
}
