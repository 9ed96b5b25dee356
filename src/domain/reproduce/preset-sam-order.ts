/**
 * "SAM: first vs second order" (Foret et al. 2021 §4.1, Fig. 4, App. C): SAM with and without the
 * Hessian term of its gradient, and SAM with the p = ∞ ball beside them.
 */
import { mlp, PROBE, SEEDS } from './preset-common';
import type { Preset } from './preset-types';

/**
 * The p = ∞ arm's radius: ε̂ = ρ·sign(g) has ‖ε̂‖₂ = ρ·√D, so the p = 2 arm's ρ = 0.1 would move
 * the MLP's D = 50,890 weights by 22.6 in norm (a reduced run stayed at chance, train loss 2.30);
 * ρ = 0.1/√D gives both balls' steps the same Euclidean length.
 */
const P_INF_RHO = 0.1 / Math.sqrt(50_890);

/**
 * Foret et al. 2021 drop the Hessian term of ∇_w L(w + ε̂(w)) and report (§4.1, Fig. 4, with
 * m-sharpness; App. C) that keeping it does not improve test error and can make it worse.
 */
export const SAM_ORDER: Preset = {
  id: 'sam-order',
  size: 'full',
  label: 'SAM: first vs second order',
  paper: 'Foret et al. 2021, Sharpness-Aware Minimization for Efficiently Improving Generalization',
  observation:
    'Keeping the second-order term (dε̂/dw)ᵀ·g_SAM of the SAM gradient does not lower the test error: first-order SAM, the cheaper update, tests as well or better (Foret et al. Fig. 4 and App. C). SAM with the p = ∞ ball (sign step, ρ = 0.1/√D so that its step is as long as the p = 2 one) is shown beside them, without a claim.',
  regime: `SAM vs SGD's regime (MLP, 50,890 weights, 1,000 Fashion-MNIST images, plain SGD at lr 0.1, batch 32, 40 epochs to near-zero loss, ρ = 0.1). The Hessian term is largest relative to g_SAM where ‖g‖ is small, (dε̂/dw)ᵀv = ρ/‖g‖·H(v − ĝ(ĝ·v)), i.e. late in training near zero loss, which this regime reaches. Foret et al. 2021 measured on CIFAR-scale networks; no PyTorch pilot has been run in this regime, so the verdict here is the first measurement of it. The panel "SAM: first- vs second-order update" plots the cosine of the two updates during a run (their Fig. 5).`,
  train: { ...mlp(0.1), flat: { rho: 0.1 } },
  arms: [
    { id: 'sam', label: 'SAM (first order)', optimizer: 'sam' },
    {
      id: 'sam-2nd',
      label: 'SAM (second order)',
      optimizer: 'sam',
      train: { flat: { secondOrder: true } },
    },
    {
      id: 'sam-inf',
      label: 'SAM (p = ∞, same ‖ε̂‖₂)',
      optimizer: 'sam',
      train: { flat: { samP: 'inf', rho: P_INF_RHO } },
    },
  ],
  seeds: SEEDS,
  probe: { ...PROBE, directions: 0 },
  claims: [
    {
      kind: 'lower',
      text: "First-order SAM's test error is lower than second-order SAM's (Foret et al.: the second-order term does not help and can hurt). 'Contradicted' would mean the term helps here; 'inconclusive', no difference either way",
      measure: 'testError',
      a: 'sam',
      b: 'sam-2nd',
      relative: false,
    },
  ],
};
