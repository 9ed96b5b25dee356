/**
 * "m-sharpness: sweep m" (Foret et al. 2021 §4.1, Fig. 3): SAM with ε per sub-batch of m images,
 * for several m from the same seeds.
 */
import { mlp, PROBE, SEEDS } from './preset-common';
import type { Preset } from './preset-types';

const samM = (m: number): Preset['arms'][number] => ({
  id: `sam-m${m}`,
  label: `SAM (m = ${m})`,
  optimizer: 'sam',
  train: { flat: { m } },
});

export const M_SHARPNESS: Preset = {
  id: 'm-sharpness',
  size: 'full',
  label: 'm-sharpness: sweep m',
  paper: 'Foret et al. 2021, Sharpness-Aware Minimization, §4.1 and Fig. 3 (m-sharpness)',
  observation:
    'SAM with ε computed per sub-batch of m images (m-SAM) generalises better the smaller m is (Foret et al. Fig. 3, left), and reaches a lower m-sharpness, the quantity it minimises. (Their Fig. 3, right, also correlates m-sharpness with the generalisation gap across many models; three arms per seed cannot test a correlation, so the table shows m-sharpness beside test error without judging it.)',
  regime: `SAM vs SGD's regime (the 784-64-10 MLP on 1,000 Fashion-MNIST images, plain SGD at lr 0.1, batch B = 32, 40 epochs to near-zero loss, ρ = 0.1) with SAM's ε computed on the whole batch (m = B = 32), on sub-batches of 8 and of 2. The MLP has no BatchNorm, so any effect comes from the per-sub-batch ε, not from ghost-batch statistics (Andriushchenko & Flammarion 2022 found the small-m benefit without BatchNorm too). Foret et al. tuned ρ per m on CIFAR with WideResNets; here ρ is fixed, and no pilot has measured the effect in this regime, so the verdicts report what the seeds show. m-sharpness is measured with m = 8 and ρ = 0.1 on the 1,000 training images (125 disjoint sets, eval mode).`,
  train: { ...mlp(0.1), flat: { rho: 0.1 } },
  arms: [{ id: 'sam', label: 'SAM (m = B = 32)', optimizer: 'sam' }, samM(8), samM(2)],
  seeds: SEEDS,
  probe: { ...PROBE, directions: 0, mSharpness: { m: 8, rho: 0.1 } },
  claims: [
    {
      kind: 'lower',
      text: 'SAM with m = 2 has a lower test error than SAM on the whole batch (whole test set)',
      measure: 'testError',
      a: 'sam-m2',
      b: 'sam',
      relative: false,
    },
    {
      kind: 'lower',
      text: 'SAM with m = 8 has a lower test error than SAM on the whole batch (whole test set)',
      measure: 'testError',
      a: 'sam-m8',
      b: 'sam',
      relative: false,
    },
    {
      kind: 'lower',
      text: 'SAM with m = 2 reaches a lower m-sharpness (m = 8) than SAM on the whole batch',
      measure: 'mSharpness',
      a: 'sam-m2',
      b: 'sam',
      relative: true,
    },
  ],
};
