import type { Profile } from './run';

/**
 * Sizes of the bench run, per backend, tuned so that `npm run bench` takes about ten minutes on
 * the reference machine: 2 shared cores and no GPU, where WebGPU and WebGL run on SwiftShader
 * (a CPU emulation of a GPU, ~100× slower than a real one, and paying seconds of shader
 * compilation per new kernel). BENCHMARKS.md lists the sizes used. On a machine with a real
 * GPU, `npm run bench -- --profile=full` measures every backend at the intended sizes.
 */
export const PROFILES: Record<string, Profile> = {
  full: {
    name: 'full',
    optimizers: { samples: 1024, steps: 16, rounds: 3 },
    fit: { samples: 1024, batch: 64, rounds: 3 },
    grid: { samples: 256, cols: 21, rounds: 5 },
    zoo: { samples: 512, steps: 4, rounds: 2, batches: [64, 128] },
    memory: { steps: 40, every: 5 },
  },
  // On SwiftShader every new kernel costs seconds of shader compilation and every dispatch tens
  // of milliseconds, so the WebGPU grid is 7 points wide (K = 7) and the zoo is left to the
  // other backends; sections run grid → optimizers → fit → memory → zoo, and a page that runs
  // out of time keeps the sections it finished.
  webgpu: {
    name: 'webgpu',
    grid: { samples: 32, cols: 7, rounds: 1 },
    optimizers: { samples: 256, steps: 2, rounds: 1 },
    fit: { samples: 128, batch: 64, rounds: 1 },
    memory: { steps: 4, every: 2 },
  },
  webgl: {
    name: 'webgl',
    grid: { samples: 32, cols: 21, rounds: 1 },
    optimizers: { samples: 256, steps: 3, rounds: 1 },
    fit: { samples: 128, batch: 64, rounds: 1 },
    memory: { steps: 4, every: 2 },
    zoo: { samples: 128, steps: 1, rounds: 1, batches: [64, 128] },
  },
  cpu: {
    name: 'cpu',
    grid: { samples: 32, cols: 21, rounds: 1 },
    optimizers: { samples: 256, steps: 3, rounds: 1 },
    fit: { samples: 128, batch: 64, rounds: 1 },
    memory: { steps: 4, every: 2 },
    zoo: { samples: 128, steps: 1, rounds: 1, batches: [64, 128] },
  },
  node: {
    name: 'node',
    grid: { samples: 128, cols: 21, rounds: 1 },
    optimizers: { samples: 512, steps: 4, rounds: 2 },
    fit: { samples: 256, batch: 64, rounds: 2 },
    zoo: { samples: 256, steps: 2, rounds: 1, batches: [64, 128] },
  },
  smoke: {
    name: 'smoke',
    optimizers: { samples: 128, steps: 1, rounds: 1 },
    fit: { samples: 128, batch: 64, rounds: 1 },
    grid: { samples: 16, cols: 5, rounds: 1 },
    zoo: { samples: 128, steps: 1, rounds: 1, batches: [64] },
    memory: { steps: 2, every: 1 },
  },
};

export function profile(name: string | null | undefined): Profile {
  const p = PROFILES[name ?? 'full'];
  if (!p) throw new Error(`unknown bench profile "${name}" (${Object.keys(PROFILES).join(', ')})`);
  return p;
}
