import { describe, expect, it } from 'vitest';
import { activationShapes, countParams, paramShapes, type ModelSpec } from '../model';
import { armConfig } from './arms';
import { findPreset } from './presets';
import { deepNarrowCnn, SKIP_CONNECTIONS } from './skip-preset';

/** The net as trained on MNIST: the layers, then flatten and the 10-way classifier. */
const net = (skip: 'identity' | 'none'): ModelSpec => ({
  input: [28, 28, 1],
  layers: [...deepNarrowCnn(skip), { type: 'flatten' }, { type: 'dense', units: 10, bias: true }],
});

describe('the skip-connections preset', () => {
  it('trains the same 25-conv net with and without shortcuts, with the same parameters', () => {
    const convs = net('identity').layers.reduce(
      (n, l) => n + (l.type === 'conv2d' ? 1 : l.type === 'residual' ? 2 : 0),
      0,
    );
    expect(convs).toBe(25);
    // What the regime states; the shortcuts add no parameter, so both nets share every shape
    // (and a seed's random directions, drawn over those shapes).
    expect(countParams(net('identity'))).toBe(18_226);
    expect(paramShapes(net('none'))).toEqual(paramShapes(net('identity')));
    expect(activationShapes(net('identity')).at(-1)).toEqual([10]);
    const [skip, noskip] = SKIP_CONNECTIONS.arms;
    expect(armConfig(SKIP_CONNECTIONS, skip!, 3).layers).toEqual(deepNarrowCnn('identity'));
    expect(armConfig(SKIP_CONNECTIONS, noskip!, 3).layers).toEqual(deepNarrowCnn('none'));
    expect(armConfig(SKIP_CONNECTIONS, noskip!, 3).seed).toBe(3);
  });

  it('has a quick variant with a 3×3 map of at most 3 products a point', () => {
    const quick = findPreset('skip-connections', 'quick')!;
    expect(quick.probe.curvature).toEqual({ gridSize: 3, maxIter: 3, tol: 1e-2, range: 1 });
    expect(quick.claims).toEqual(SKIP_CONNECTIONS.claims);
  });
});
