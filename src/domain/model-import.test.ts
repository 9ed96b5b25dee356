import { describe, expect, it } from 'vitest';
import type { LayerSpec, ModelSpec } from './model';
import { importedLayers } from './model-import';
import { modelSpecFor } from './model-zoo';

const dense = (units: number, bias = true): LayerSpec => ({ type: 'dense', units, bias });
const relu: LayerSpec = { type: 'relu' };
const flatten: LayerSpec = { type: 'flatten' };
const conv: LayerSpec = { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: true };
const MNIST: [number, number, number] = [28, 28, 1];

describe('an imported model as builder layers', () => {
  it('takes a Keras MLP on [784] inputs as flatten, dense, relu on MNIST images', () => {
    const spec: ModelSpec = { input: [1, 1, 784], layers: [flatten, dense(16), relu, dense(10)] };
    const fit = importedLayers(spec, { dataset: 'mnist' }, MNIST, 10);
    expect(fit).toEqual({ layers: [flatten, dense(16), relu] });
    // The run's config builds exactly the converted layers on the dataset's input.
    const layers = 'layers' in fit ? fit.layers : [];
    expect(modelSpecFor({ model: 'custom', layers }, MNIST, 10)).toEqual({
      input: MNIST,
      layers: spec.layers,
    });
  });

  it('leaves the flatten before the classifier to modelSpecFor when the body ends on an image', () => {
    const spec: ModelSpec = { input: MNIST, layers: [conv, relu, flatten, dense(10)] };
    const fit = importedLayers(spec, { dataset: 'fashion-mnist' }, MNIST, 10);
    expect(fit).toEqual({ layers: [conv, relu] });
  });

  it('says which input shape does not match the dataset', () => {
    const spec: ModelSpec = { input: [8, 8, 1], layers: [conv, flatten, dense(10)] };
    expect(importedLayers(spec, { dataset: 'mnist' }, MNIST, 10)).toEqual({
      problem: expect.stringMatching(
        /inputs of shape \[8, 8, 1\], but MNIST samples are \[28, 28, 1\] \(784 values\)/,
      ),
    });
    const flat: ModelSpec = { input: [1, 1, 784], layers: [flatten, dense(2)] };
    expect(importedLayers(flat, { dataset: 'spirals' }, [1, 1, 2], 2)).toEqual({
      problem: expect.stringMatching(/inputs of shape \[784\], but Two spirals samples are/),
    });
  });

  it('says when the outputs are not one per class, or no classifier closes the model', () => {
    const spec: ModelSpec = { input: [1, 1, 784], layers: [flatten, dense(3)] };
    expect(importedLayers(spec, { dataset: 'mnist' }, MNIST, 10)).toEqual({
      problem: expect.stringMatching(/has 3 outputs, but MNIST has 10 classes/),
    });
    const open: ModelSpec = { input: [1, 1, 784], layers: [flatten, dense(10), relu] };
    expect(importedLayers(open, { dataset: 'mnist' }, MNIST, 10)).toEqual({
      problem: expect.stringMatching(/must end in a Dense layer.*ends in relu/),
    });
    const noBias: ModelSpec = { input: [1, 1, 784], layers: [flatten, dense(10, false)] };
    expect(importedLayers(noBias, { dataset: 'mnist' }, MNIST, 10)).toEqual({
      problem: expect.stringMatching(/no bias/),
    });
  });
});
