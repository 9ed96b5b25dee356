/** Display formatting shared by the panels; pure so it can be unit-tested. */

/** A duration for the ETA readout: "—" when unknown, "< 1 s", "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return '< 1 s';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Loss values span 1e-4 … 1e2 across a landscape; four significant decimals suit both ends. */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return Number.isNaN(loss) ? 'NaN' : '∞';
  if (Math.abs(loss) >= 1000) return loss.toExponential(3);
  return loss.toFixed(4);
}

/** Accuracy in [0, 1] shown as a percentage with one decimal, the resolution of 1,000 samples. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(1)}%`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Landscape progress as a percentage: the worker counts slice points but grid rows. */
export function formatProgress({ done, total }: { done: number; total: number }): string {
  if (!(total > 0)) return '';
  return `${Math.round((100 * Math.min(Math.max(done, 0), total)) / total)}%`;
}

/** Throughput readout, e.g. "12.3 steps/s"; "—" before the first step. */
export function formatRate(stepsPerSecond: number | null): string {
  if (stepsPerSecond === null || !Number.isFinite(stepsPerSecond)) return '—';
  const digits = stepsPerSecond >= 100 ? 0 : 1;
  return `${stepsPerSecond.toFixed(digits)} steps/s`;
}

/** Slider position with a sign so that +0.25 and −0.25 are told apart at a glance. */
export function formatT(t: number): string {
  const rounded = Math.abs(t) < 5e-7 ? 0 : t;
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(3)}`;
}

/** A short message for anything a worker call may throw (Comlink rethrows Errors by value). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  return 'Unknown error';
}

/**
 * Three significant digits, exponent form outside [1e-3, 1e4): sharpness values span 1e-5 …
 * 1e3 between a flat SWA solution and a diverging SGD one.
 */
export function formatMeasure(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e4 || abs < 1e-3) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

/** "12.3 ± 0.45": a Monte-Carlo mean with its standard error (two digits suffice for it). */
export function formatWithError(mean: number | undefined, stdError: number | undefined): string {
  if (mean === undefined || !Number.isFinite(mean)) return '—';
  if (stdError === undefined || !Number.isFinite(stdError)) return formatMeasure(mean);
  return `${formatMeasure(mean)} ± ${formatMeasure(stdError, 2)}`;
}

/** cos(d₁, d₂) for the readout: tiny values in exponent form, the rest with four decimals. */
export function formatCosine(cosine: number): string {
  if (!Number.isFinite(cosine)) return '—';
  if (cosine !== 0 && Math.abs(cosine) < 1e-3) return cosine.toExponential(1);
  return cosine.toFixed(4);
}
