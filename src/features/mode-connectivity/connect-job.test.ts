import { describe, expect, it } from 'vitest';
import type { ConnectResult, RunInfo } from '../../domain/api';
import { pathTraces, planeTraces } from './connect-figure';
import { connectConfig, connectProblem, DEFAULT_CONNECT } from './connect-job';

const run = (id: string, model = 'mlp') =>
  ({
    id,
    name: id,
    config: { model, dataset: 'mnist' },
    hasAverage: false,
    checkpoints: 3,
  }) as unknown as RunInfo;

describe('the connect form', () => {
  const runs = [run('run-1'), run('run-2'), run('run-3', 'lenet5')];
  const a = { runId: 'run-1', which: 'final' as const };
  const b = { runId: 'run-2', which: 'final' as const };

  it('names what is missing or incompatible', () => {
    expect(connectProblem(DEFAULT_CONNECT, runs)).toBe('Choose A and B.');
    expect(connectProblem({ ...DEFAULT_CONNECT, a, b: a }, runs)).toBe(
      'A and B are the same weights.',
    );
    expect(connectProblem({ ...DEFAULT_CONNECT, a, b: { ...b, runId: 'run-3' } }, runs)).toMatch(
      /same model/,
    );
    expect(connectProblem({ ...DEFAULT_CONNECT, a, b }, runs)).toBeNull();
  });

  it("asks the worker on the landscape's samples, labels and seed", () => {
    const config = connectConfig(
      { ...DEFAULT_CONNECT, a, b },
      { evalSamples: 500, seed: 4, labels: 'clean' },
    );
    expect(config).toMatchObject({ a, b, kind: 'bezier', evalSamples: 500, seed: 4 });
    expect(config?.labels).toBe('clean');
    expect(config?.weightDecay).toBe(0);
    expect(connectConfig(DEFAULT_CONNECT, { evalSamples: 1, seed: 1 })).toBeNull();
  });

  it('draws both paths and the three points', () => {
    const values = { trainLoss: [1, 2, 1], testLoss: [1, 3, 1], trainAcc: [], testAcc: [] };
    const r: ConnectResult = {
      kind: 'bezier',
      t: [0, 0.5, 1],
      line: values,
      curve: values,
      lineBarrier: { train: 1, test: 2 },
      curveBarrier: { train: 1, test: 2 },
      training: { loss: [], t: [] },
      plane: {
        x: [0, 1],
        y: [0, 1],
        trainLoss: [
          [1, 2],
          [3, 4],
        ],
        testLoss: [],
        w1: [0, 0],
        bend: [0.4, 0.8],
        w2: [1, 0],
        line: { x: [0, 0.5, 1], y: [0, 0, 0] },
        curve: { x: [0, 0.4, 1], y: [0, 0.4, 0] },
      },
    };
    expect(pathTraces(r)).toHaveLength(4);
    const plane = planeTraces(r.plane!, r.kind);
    expect(plane.map((d) => d.type)).toEqual(['contour', 'scatter', 'scatter', 'scatter']);
    const points = plane[3] as { x: number[]; y: number[] };
    expect(points.x).toEqual([0, 0.4, 1]);
    expect(points.y).toEqual([0, 0.8, 0]);
  });
});
