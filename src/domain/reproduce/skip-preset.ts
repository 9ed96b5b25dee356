/**
 * Li et al. 2018, Fig. 5 at browser scale: the same deep, narrow CNN trained with and without
 * its skip connections from the same seeds, judged on Li et al.'s convexity map (§6, Fig. 7).
 */
import type { LayerSpec, SkipKind } from '../model';
import type { Preset } from './preset-types';

/** Residual blocks of the body: 2 convolutions each, 25 conv layers with the stem. */
const BLOCKS = 12;
const WIDTH = 8;

/**
 * A CIFAR-style ResNet shrunk to MNIST (He et al. 2016 §4.2; Li et al.'s ResNet-20/56/110 and
 * their "noshort" twins): a 3×3 conv stem with BatchNorm and ReLU, 2×2 average pooling to 14×14,
 * `blocks` basic blocks (default {@link BLOCKS}) of `width` channels (default {@link WIDTH}), average pooling to 7×7, then the
 * classifier. `none` keeps every layer and parameter and drops only the shortcuts.
 */
export function deepNarrowCnn(skip: SkipKind, width = WIDTH, blocks = BLOCKS): LayerSpec[] {
  const block: LayerSpec = {
    type: 'residual',
    filters: width,
    kernel: 3,
    skip,
    eps: 1e-5,
    momentum: 0.1,
  };
  return [
    { type: 'conv2d', filters: width, kernel: 3, padding: 'same', bias: false },
    { type: 'batchnorm', eps: 1e-5, momentum: 0.1 },
    { type: 'relu' },
    { type: 'avgpool', size: 2 },
    ...Array.from({ length: blocks }, () => block),
    { type: 'avgpool', size: 2 },
  ];
}

export const SKIP_CONNECTIONS: Preset = {
  id: 'skip-connections',
  size: 'full',
  label: 'Skip connections (Li et al. Fig. 5)',
  paper: 'Li et al. 2018, Visualizing the Loss Landscape of Neural Nets (§6, Figs. 5 and 7)',
  observation:
    'With skip connections the landscape around the solution is smoother and more convex; without them a deep network’s landscape becomes chaotic, with large regions of marked negative curvature (a larger |λ_min/λ_max| over the plane).',
  regime: `A deep, narrow CNN (25 conv layers of ${WIDTH} channels: a stem and ${BLOCKS} basic residual blocks with BatchNorm, 18,226 weights) on 2,000 MNIST images, trained 10 epochs by SGD (lr 0.05, momentum 0.9, weight decay 5e-4, batch 64) with its identity shortcuts and, from the same seeds (the same initial weights and data order), without them. Li et al. found the effect grow with depth and shrink with width: ResNet-20 without shortcuts was still fairly convex, ResNet-56 and -110 chaotic; this body (26 layers with the classifier) lies between them, at an eighth of ResNet-56's narrowest width. Convexity is Li et al.'s map of |λ_min/λ_max| (Lanczos over exact Hessian-vector products, at most 30 per point, ARPACK's tol 1e-2 as theirs) over a 7×7 grid of a random filter-normalised plane on [−1, 1]², the seed's raw draw shared by both nets, on 500 training images.`,
  train: {
    dataset: 'mnist',
    subset: 2000,
    model: 'custom',
    layers: deepNarrowCnn('identity'),
    lr: 0.05,
    momentum: 0.9,
    weightDecay: 5e-4,
    batchSize: 64,
    epochs: 10,
    evalSamples: 500,
  },
  arms: [
    { id: 'skip', label: 'With skips', optimizer: 'sgd' },
    {
      id: 'noskip',
      label: 'Without skips',
      optimizer: 'sgd',
      train: { layers: deepNarrowCnn('none') },
    },
  ],
  seeds: [1, 2, 3, 4, 5],
  probe: {
    directions: 0,
    slicePoints: 5,
    sliceRange: 1,
    basinRise: 0.1,
    evalSamples: 500,
    sharpnessSamples: 500,
    interpolationPoints: 11,
    testSamples: 10_000,
    curvature: { gridSize: 7, maxIter: 30, tol: 1e-2, range: 1 },
  },
  claims: [
    {
      kind: 'lower',
      text: 'With skips, a smaller share of the plane is markedly non-convex (λ_min < −0.05·λ_max) than without',
      measure: 'nonConvexShare',
      a: 'skip',
      b: 'noskip',
      relative: false,
    },
    {
      kind: 'lower',
      text: 'With skips, the mean |λ_min/λ_max| over the plane is lower than without',
      measure: 'curvatureRatio',
      a: 'skip',
      b: 'noskip',
      relative: true,
    },
  ],
};
