/**
 * Learning-rate schedules as pure functions of a 0-based counter `t` (an epoch or a step, as the
 * caller decides). Serialisable specs, so the UI can send them to the worker.
 */
export type LrSchedule =
  /** lr for every t. */
  | { type: 'constant'; lr: number }
  /** torch CosineAnnealingLR (closed form): minLr + (lr − minLr)·(1 + cos(π·t/total))/2, held at minLr after. */
  | { type: 'cosine'; lr: number; total: number; minLr?: number }
  /** torch StepLR: lr·gamma^⌊t/stepSize⌋. */
  | { type: 'step'; lr: number; stepSize: number; gamma: number }
  /**
   * Izmailov et al. (2018), eq. 2: iteration i = t + 1, τ = (((i − 1) mod c) + 1)/c,
   * α(i) = (1 − τ)·α1 + τ·α2 — from near α1 down to α2 within each cycle of c iterations.
   */
  | { type: 'cyclical'; alpha1: number; alpha2: number; cycle: number }
  /**
   * Fast Geometric Ensembling (Garipov et al. 2018, §4): α1 for the first `start` counts, then
   * cycles of c iterations, i = t − start + 1, τ = (((i − 1) mod c) + 1)/c,
   * α(i) = (1 − 2τ)·α1 + 2τ·α2 for τ ≤ 1/2, (2 − 2τ)·α2 + (2τ − 1)·α1 after — from α1 down to
   * α2 at the cycle's midpoint (where FGE takes its snapshot) and back up to α1.
   */
  | { type: 'fge'; alpha1: number; alpha2: number; cycle: number; start: number }
  /**
   * The schedule of the SWA reference code (Izmailov et al., train.py): u = t / swaStart;
   * factor 1 for u ≤ 0.5, linear to swaLr/lr at u = 0.9, then swaLr/lr.
   */
  | { type: 'swa_linear'; lr: number; swaLr: number; swaStart: number }
  /**
   * torch.optim.swa_utils.SWALR stepped once per t, `t` counted from its construction (t = 0:
   * initialLr): α = anneal(clamp(t/annealEpochs, 0, 1)), lr = swaLr·α + initialLr·(1 − α), with
   * anneal(u) = (1 − cos(π·u))/2 (`cos`) or u (`linear`); annealEpochs = 0 gives swaLr at once.
   */
  | {
      type: 'swalr';
      initialLr: number;
      swaLr: number;
      annealEpochs: number;
      annealStrategy: 'cos' | 'linear';
    };

/** SWALR's annealing weight at counter t (torch SWALR.get_lr, whose recursion telescopes to this). */
function swalrAlpha(t: number, annealEpochs: number, strategy: 'cos' | 'linear'): number {
  const step = annealEpochs === 0 ? Math.max(1, t) : t;
  const u = Math.max(0, Math.min(1, step / Math.max(1, annealEpochs)));
  return strategy === 'cos' ? (1 - Math.cos(Math.PI * u)) / 2 : u;
}

function fgeLr(s: Extract<LrSchedule, { type: 'fge' }>, t: number): number {
  if (t < s.start) return s.alpha1;
  const tau = (((t - s.start) % s.cycle) + 1) / s.cycle;
  return tau <= 0.5
    ? (1 - 2 * tau) * s.alpha1 + 2 * tau * s.alpha2
    : (2 - 2 * tau) * s.alpha2 + (2 * tau - 1) * s.alpha1;
}

/** The learning rate of schedule `s` at 0-based counter `t`. */
export function lrAt(s: LrSchedule, t: number): number {
  switch (s.type) {
    case 'constant':
      return s.lr;
    case 'cosine': {
      const minLr = s.minLr ?? 0;
      const u = Math.min(t, s.total) / s.total;
      return minLr + ((s.lr - minLr) * (1 + Math.cos(Math.PI * u))) / 2;
    }
    case 'step':
      return s.lr * s.gamma ** Math.floor(t / s.stepSize);
    case 'cyclical': {
      const tau = ((t % s.cycle) + 1) / s.cycle;
      return (1 - tau) * s.alpha1 + tau * s.alpha2;
    }
    case 'fge':
      return fgeLr(s, t);
    case 'swa_linear': {
      const u = t / s.swaStart;
      const ratio = s.swaLr / s.lr;
      const factor = u <= 0.5 ? 1 : u <= 0.9 ? 1 - ((1 - ratio) * (u - 0.5)) / 0.4 : ratio;
      return s.lr * factor;
    }
    case 'swalr': {
      const a = swalrAlpha(t, s.annealEpochs, s.annealStrategy);
      return s.swaLr * a + s.initialLr * (1 - a);
    }
  }
}
