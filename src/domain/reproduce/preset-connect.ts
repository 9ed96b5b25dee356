/**
 * "Mode connectivity" (Garipov et al. 2018; Draxler et al. 2018): the straight line between two
 * independently trained SGD solutions against a trained one-bend Bézier curve between them.
 */
import { optimizerArm } from './arms';
import { mlp, PROBE, SEEDS } from './preset-common';
import type { Preset } from './preset-types';

/** Line and curve barriers are judged against the same height (train loss). */
const CONNECT_TOLERANCE = 0.05;

export const MODE_CONNECTIVITY: Preset = {
  id: 'mode-connectivity',
  size: 'full',
  label: 'Mode connectivity',
  paper:
    'Garipov et al. 2018, Loss Surfaces, Mode Connectivity, and Fast Ensembling of DNNs; Draxler et al. 2018, Essentially No Barriers in Neural Network Energy Landscape',
  observation:
    'Two independently trained SGD solutions are separated by a loss barrier along the straight line between them, yet a simple curve with one trained bend (a quadratic Bézier curve) joins them with a barrier near zero.',
  regime: `Two SGD runs of the over-parameterised MLP (50,890 weights, 1,000 Fashion-MNIST images, plain SGD at lr 0.1, batch 32, 40 epochs) from different seeds (the second arm's seed is the first's + 100): different initial weights, data order and, since the subset is seeded, a different 1,000-image subset. The Bézier bend is trained on the first run's subset and labels (20 epochs, lr 0.05 with Garipov et al.'s schedule, momentum 0.9, one t ~ U(0, 1) per step) and both barriers are the train loss on that subset, max over 11 points minus the chord, so the second end's higher loss there is in the chord, not the barrier. Garipov et al. (2018) and Draxler et al. (2018) find such curves for every pair of modes they tried. A PyTorch pilot of this setup (5 seeds) found line barriers of 0.15–0.29 and curve barriers of 0.000 (to three decimals) in every seed.`,
  train: mlp(0.1),
  arms: [
    optimizerArm('sgd'),
    { id: 'sgd-b', label: 'SGD (seed + 100)', optimizer: 'sgd', seedOffset: 100 },
  ],
  seeds: SEEDS,
  probe: {
    ...PROBE,
    directions: 0,
    curve: { kind: 'bezier', epochs: 20, batchSize: 32, lr: 0.05, momentum: 0.9, weightDecay: 0 },
  },
  claims: [
    {
      kind: 'positive',
      text: `θ(α) between the two SGD solutions crosses a barrier above ${CONNECT_TOLERANCE}`,
      measure: 'barrier',
      a: 'sgd-b',
      tolerance: CONNECT_TOLERANCE,
    },
    {
      kind: 'nearZero',
      text: `The trained Bézier curve between them crosses no barrier above ${CONNECT_TOLERANCE}`,
      measure: 'curveBarrier',
      a: 'sgd-b',
      tolerance: CONNECT_TOLERANCE,
    },
  ],
};
