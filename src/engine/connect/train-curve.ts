/**
 * Training the bend θ of a curve (Garipov et al. 2018, eq. 2): minimise E_{t~U(0,1)} L(φ_θ(t))
 * by SGD, one t per step, the ends fixed.
 */
import * as tf from '@tensorflow/tfjs';
import type { GradientOptimizer } from '../optim/types';
import { disposeTensors } from '../optim/tensors';
import { makeLossAndGrad } from '../train/loss-and-grad';
import type { Batch, ModelSpec, ModelState, Params } from '../types';
import { curveCoefficients, curvePoint, type CurveEnds, type CurveKind } from './curve';

/** What is fixed while the bend trains. */
export interface CurveProblem {
  spec: ModelSpec;
  /**
   * BatchNorm moving statistics the train-mode pass needs to exist (borrowed, never updated):
   * the pass normalises with the batch's own statistics, as Garipov et al.'s curve training.
   */
  state: ModelState;
  ends: CurveEnds;
  kind: CurveKind;
  /** Garipov et al.'s `wd`: the penalty wd/2·‖φ(t)‖² is added to the loss at φ(t). */
  weightDecay: number;
}

/** Result of {@link curveGradient}; the caller owns and disposes the tensors. */
export interface CurveGradient {
  /** Mean cross-entropy of the batch at φ(t) (without the penalty), scalar. */
  loss: tf.Scalar;
  /** ∇_θ [L(φ(t)) + wd/2·‖φ(t)‖²] = c_θ(t)·(∇L(φ(t)) + wd·φ(t)), shaped like θ. */
  grads: Params;
}

/**
 * The loss at φ_θ(t) on one batch and its gradient with respect to the bend. φ is linear in θ
 * with dφ/dθ = c_θ(t)·I (2t(1 − t) for the Bézier curve), so the chain rule is one scaling of
 * the ordinary gradient at φ(t).
 *
 * @param theta - the bend (borrowed); @param batch - x [N, H, W, C], y [N] int32 (borrowed).
 */
export function curveGradient(
  problem: CurveProblem,
  theta: Params,
  t: number,
  batch: Batch,
): CurveGradient {
  const ct = curveCoefficients(problem.kind, t)[1];
  const phi = curvePoint(problem.ends, theta, problem.kind, t);
  try {
    const lossAndGrad = makeLossAndGrad(problem.spec, problem.state, batch);
    const { loss, grads } = lossAndGrad(phi, { updateState: false });
    const out: Params = {};
    for (const [name, g] of Object.entries(grads)) {
      out[name] = tf.tidy(() => {
        const total =
          problem.weightDecay === 0 ? g : tf.add(g, tf.mul(phi[name]!, problem.weightDecay));
        return tf.mul(total, ct);
      });
    }
    disposeTensors(grads);
    return { loss, grads: out };
  } finally {
    disposeTensors(phi);
  }
}

/** The bend and its optimizer state between steps; tensors owned by the holder. */
export interface CurveState<S> {
  theta: Params;
  optState: S;
}

/**
 * One optimizer step of the bend at parameter t on one batch. The ends are never touched (they
 * are not among the optimised tensors), so they stay w₁ and w₂ bit for bit.
 *
 * Consumes `curve` (its tensors are disposed or handed on); borrows the rest.
 * @returns the next state and the batch loss at φ(t) before the step (caller disposes).
 */
export function curveStep<S>(
  problem: CurveProblem,
  optimizer: GradientOptimizer<S>,
  curve: CurveState<S>,
  t: number,
  batch: Batch,
  lr: number,
): { curve: CurveState<S>; loss: tf.Scalar } {
  const { loss, grads } = curveGradient(problem, curve.theta, t, batch);
  try {
    const next = optimizer.update(curve.theta, grads, curve.optState, { lr });
    disposeTensors(curve.theta);
    optimizer.disposeState(curve.optState);
    return { curve: { theta: next.params, optState: next.optState }, loss };
  } finally {
    disposeTensors(grads);
  }
}
