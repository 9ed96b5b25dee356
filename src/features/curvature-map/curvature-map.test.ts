import { describe, expect, it } from 'vitest';
import { cancelled, trainedStore } from '../../app/testing/analysis';
import { convexitySummary, type CurvatureMapResult } from '../../domain/curvature';
import type { GridResult, LandscapeConfig } from '../../domain/api';
import { curvatureTraces, ratioRange, summaryText } from './curvature-figure';
import { curvatureBlocker, runCurvatureMap } from './curvature-job';

const values = {
  a: [-1, 1],
  b: [-1, 1],
  lambdaMin: [
    [-0.5, 0.01],
    [-0.02, -2],
  ],
  lambdaMax: [
    [1, 1],
    [1, 4],
  ],
  iterations: [
    [3, 3],
    [3, 3],
  ],
  converged: [
    [true, true],
    [true, false],
  ],
  elapsedMs: 10,
};

const grid = { a: [-1, 0, 1], b: [-1, 0, 1] } as GridResult;
const config = { gridRange: 1, gridSize: 3, seed: 1, evalSamples: 20 } as LandscapeConfig;

/** A store whose explored run has a finished landscape. */
function storeWithLandscape() {
  const store = trainedStore();
  const s = store.getState();
  s.setExplored({ runId: 'r1', which: 'final' });
  s.startLandscape(config);
  s.setGrid(grid);
  return store;
}

describe('the convexity map figure', () => {
  it('draws |λ_min/λ_max| from 0 with λ_min, λ_max in the hover', () => {
    const [heat] = curvatureTraces(values) as [Record<string, unknown>];
    expect(heat.z).toEqual([
      [0.5, 0.01],
      [0.02, 0.5],
    ]);
    expect(heat.zmin).toBe(0);
    expect(heat.zmax).toBe(0.5);
    expect((heat.text as string[][])[1]![1]).toBe('λ_min -2.00, λ_max 4.00');
    expect(ratioRange([values, { lambdaMin: [[-3]], lambdaMax: [[2]] }])).toBe(1.5);
  });

  it('states ε, the share of non-convex points, the mean ratio and unconverged points', () => {
    expect(summaryText(convexitySummary(values, 0.05))).toBe(
      'Non-convex (λ_min < −0.05·λ_max): 2 of 4 points (50.0%) · mean |λ_min/λ_max| 0.258 · 1 not converged',
    );
  });
});

describe('the convexity map job', () => {
  it('waits for a landscape, then maps it with its own config and weights', async () => {
    expect(curvatureBlocker(trainedStore().getState())).toBe('Compute the 2D landscape first.');
    const store = storeWithLandscape();
    expect(curvatureBlocker(store.getState())).toBeNull();
    const asked: unknown[] = [];
    const engine = {
      curvatureMap: async (job: unknown, p: (x: { done: number; total: number }) => void) => {
        asked.push(job);
        p({ done: 1, total: 2 });
        expect(store.getState().analysis.job?.kind).toBe('curvature');
        return values as CurvatureMapResult;
      },
    };
    const settings = { gridSize: 5, maxIter: 10, tol: 1e-3 };
    const outcome = await runCurvatureMap({ engine, store, settings });
    expect(asked).toEqual([{ ref: { runId: 'r1', which: 'final' }, config, settings }]);
    expect(outcome).toEqual({ grid, map: values, error: null });
    expect(store.getState().analysis.job).toBeNull();
  });

  it('says it was cancelled and frees the job slot', async () => {
    const store = storeWithLandscape();
    const engine = {
      curvatureMap: async () => {
        throw cancelled();
      },
    };
    const settings = { gridSize: 5, maxIter: 10, tol: 1e-3 };
    const outcome = await runCurvatureMap({ engine, store, settings });
    expect(outcome?.error).toBe('Convexity map cancelled.');
    expect(store.getState().analysis.job).toBeNull();
  });
});
