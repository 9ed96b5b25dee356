/**
 * Whether a GPU backend is really a CPU in disguise. Chromium offers WebGPU and WebGL on machines
 * without a GPU through SwiftShader (Mesa's llvmpipe/lavapipe and Windows' WARP play the same
 * role elsewhere): measured here, SwiftShader WebGPU is 804 ms per SGD step of the tiny CNN and
 * SwiftShader WebGL 356 ms, against 121 ms on TF.js's CPU backend. The automatic choice skips them.
 * Among the hardware backends left, a calibration (steps/s of the run's model) decides.
 */
import type { BackendId } from '../domain/api';

/** Names that only software rasterisers and fallback adapters carry. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|\bwarp\b/i;

/** The parts of a WebGPU adapter (`GPUAdapter.info`, `isFallbackAdapter`) that tell software. */
export interface AdapterFacts {
  isFallbackAdapter?: boolean;
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** The adapter's name as the Backend badge shows it: its non-empty info fields, '' if none. */
export function adapterName(facts: AdapterFacts): string {
  return [facts.vendor, facts.architecture, facts.device, facts.description]
    .filter((p): p is string => !!p)
    .join(' · ');
}

/** Why this WebGPU adapter is software, or null when it looks like a GPU. */
export function softwareAdapter(facts: AdapterFacts): string | null {
  const named = adapterName(facts);
  if (facts.isFallbackAdapter)
    return `the WebGPU adapter is a fallback adapter (${named || 'unnamed'})`;
  return SOFTWARE.test(named) ? `the WebGPU adapter is software (${named})` : null;
}

/** Why this WebGL renderer (its unmasked renderer string) is software, or null. */
export function softwareRenderer(renderer: string | null | undefined): string | null {
  return renderer && SOFTWARE.test(renderer)
    ? `the WebGL renderer is software (${renderer})`
    : null;
}

/**
 * One training backend's measured speed on a run's model and batch size: optimizer steps per
 * second, warm-up excluded. `cut` when it was given up after its first step (too slow to win);
 * `error` when it could not train the model at all.
 */
export interface StepRate {
  backend: BackendId;
  stepsPerSecond: number;
  cut?: boolean;
  error?: string;
}

/** A calibration: the rates in the order of preference (webgpu → webgl → cpu) and its length. */
export interface Calibration {
  rates: StepRate[];
  ms: number;
}

/** Why a backend trains a model: the calibration's verdict, as the Backend badge says it. */
export interface TrainingChoice {
  backend: BackendId;
  reason: string;
}

/**
 * How much faster than the preferred backend another must be to be chosen: timings of a few
 * hundred ms wobble by several per cent, and a choice that flips between two close backends from
 * one calibration to the next would be noise, not a gain.
 */
export const CALIBRATION_MARGIN = 1.2;

const timed = (r: StepRate) =>
  !r.cut && !r.error && Number.isFinite(r.stepsPerSecond) && r.stepsPerSecond > 0;

/** "webgl 0.8×, cpu cut short, …": how the others compare with `chosen`. */
function others(rates: StepRate[], chosen: StepRate): string {
  return rates
    .filter((r) => r !== chosen)
    .map((r) => {
      if (r.error) return `${r.backend} failed`;
      if (r.cut) return `${r.backend} cut short after its first step`;
      return `${r.backend} ${(r.stepsPerSecond / chosen.stepsPerSecond).toFixed(1)}×`;
    })
    .join(', ');
}

/**
 * The training backend from a calibration: the preferred one (the first that trains), unless
 * another reached at least `margin` times its steps/s. Null when fewer than two backends were
 * measured: with one candidate there is nothing to compare and no claim to make.
 */
export function chooseByRate(
  c: Calibration,
  cached: boolean,
  margin = CALIBRATION_MARGIN,
): TrainingChoice | null {
  const usable = c.rates.filter(timed);
  if (c.rates.length < 2 || usable.length === 0) return null;
  const preferred = usable[0]!;
  const best = usable.reduce((a, b) => (b.stepsPerSecond > a.stepsPerSecond ? b : a));
  const when = `calibrated ${(c.ms / 1000).toFixed(1)} s${cached ? ', cached' : ''}`;
  const ratio = best.stepsPerSecond / preferred.stepsPerSecond;
  if (best !== preferred && ratio >= margin) {
    const versus = `${ratio.toFixed(1)}× the steps/s of ${preferred.backend}`;
    return { backend: best.backend, reason: `${best.backend}: ${versus} for this model (${when})` };
  }
  const verdict =
    best === preferred ? 'the fastest for this model' : `no other reached ${margin}× its steps/s`;
  const rest = others(c.rates, preferred);
  return {
    backend: preferred.backend,
    reason: `${preferred.backend}: ${verdict} (${rest}; ${when})`,
  };
}
