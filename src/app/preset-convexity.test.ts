import { describe, expect, it } from 'vitest';
import type { CurvatureJob } from '../domain/curvature';
import { optimizerArm, QUICK, type Preset } from '../domain/reproduce/presets';
import { createWorkerApi } from '../worker/service';
import { syntheticDataset } from '../worker/testing/synthetic';
import { runPreset } from './presets-runner';

/** Two paired arms on the tiny CNN, judged on the convexity measures only. */
const CONVEXITY: Preset = {
  ...QUICK[0]!,
  train: { ...QUICK[0]!.train, model: 'mlp', subset: 40, epochs: 1, flat: {} },
  arms: [optimizerArm('sgd'), optimizerArm('adam')],
  probe: {
    ...QUICK[0]!.probe,
    evalSamples: 16,
    curvature: { gridSize: 2, maxIter: 2, tol: 1e-3, range: 0.5 },
  },
  claims: [
    {
      kind: 'lower',
      text: 'share',
      measure: 'nonConvexShare',
      a: 'adam',
      b: 'sgd',
      relative: false,
    },
    {
      kind: 'lower',
      text: 'ratio',
      measure: 'curvatureRatio',
      a: 'adam',
      b: 'sgd',
      relative: true,
    },
  ],
};

describe('the convexity measures of a preset', () => {
  it(
    'map each solution once on the seed’s shared plane and judge the paired effects',
    { timeout: 120_000 },
    async () => {
      const api = createWorkerApi(async () => syntheticDataset(200, 100));
      const jobs: CurvatureJob[] = [];
      const engine = {
        ...api,
        curvatureMap: (job: CurvatureJob, p: Parameters<typeof api.curvatureMap>[1]) => {
          jobs.push(job);
          return api.curvatureMap(job, p);
        },
      };
      const outcome = await runPreset(CONVEXITY, engine, () => undefined);
      expect(outcome.status).toBe('finished');
      // One map per run (2 seeds × 2 arms), both measures read it.
      expect(jobs).toHaveLength(4);
      const [first, second] = outcome.seeds;
      const sgd = first!.runs.sgd!;
      const adam = first!.runs.adam!;
      expect(jobs[0]!.ref.runId).toBe(sgd.runId);
      expect(jobs[0]!.settings).toEqual({ gridSize: 2, maxIter: 2, tol: 1e-3 });
      expect(jobs[0]!.config).toMatchObject({
        gridRange: 0.5,
        evalSamples: 16,
        seed: 1,
        directions: { kind1: 'random', kind2: 'random', shareWith: sgd.runId },
      });
      expect(jobs[1]!.config.directions?.shareWith).toBe(sgd.runId);
      for (const m of [sgd, adam]) {
        expect(m.nonConvexShare).toBeGreaterThanOrEqual(0);
        expect(m.nonConvexShare).toBeLessThanOrEqual(1);
        expect(Number.isFinite(m.curvatureRatio)).toBe(true);
      }
      const [share, ratio] = outcome.claims;
      expect(share!.effects[0]).toBeCloseTo(adam.nonConvexShare! - sgd.nonConvexShare!, 12);
      const s2 = second!.runs;
      expect(ratio!.effects[1]).toBeCloseTo(
        (s2.adam!.curvatureRatio! - s2.sgd!.curvatureRatio!) / Math.abs(s2.sgd!.curvatureRatio!),
        12,
      );
    },
  );
});
