/**
 * The 1D basin width of the slice on screen at the user's loss level, computed here from the
 * slice's arrays (no worker call). Pure.
 */
import { formatLoss, formatT } from '../../domain/format';
import { basinWidth } from '../../domain/sharpness-basin';
import type { NumberSpec } from '../../store/limits';
import type { BasinSettings } from '../../store/analysis-slice';
import type { SliceResult } from '../../domain/api';

export const BASIN_SPECS: Record<BasinSettings['kind'], NumberSpec> = {
  // τ = 10 already admits eleven times L(w): past that, nearly any slice is one wide basin.
  relative: { min: 0, max: 10, integer: false, step: 0.05 },
  // Any loss level; the bound only keeps the input's range finite.
  absolute: { min: 0, max: 1e6, integer: false, step: 0.1 },
};

export const BASIN_KINDS: { value: BasinSettings['kind']; label: string }[] = [
  { value: 'relative', label: 'Relative to L(w)' },
  { value: 'absolute', label: 'Absolute loss' },
];

export type BasinReadout =
  { ok: true; text: string; width: number; lowerBound: boolean } | { ok: false; text: string };

/** The width along t of the train-loss valley below the level, or why there is none. */
export function basinReadout(slice: SliceResult | null, settings: BasinSettings): BasinReadout {
  if (!slice) return { ok: false, text: 'Needs the 1D slice.' };
  let r;
  try {
    r = basinWidth(slice.t, slice.trainLoss, settings);
  } catch (error) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
  const level = `train loss ≤ ${formatLoss(r.threshold)}`;
  if (r.empty) return { ok: false, text: `No basin: the minimum is above ${level}.` };
  const width = r.width.toFixed(3);
  const span = `t from ${formatT(r.left)} to ${formatT(r.right)}`;
  const open = r.lowerBound ? ' (at least: the basin runs past the plotted range)' : '';
  return {
    ok: true,
    text: `${width} (${span}) at ${level}${open}`,
    width: r.width,
    lowerBound: r.lowerBound,
  };
}

/**
 * The same level in the other kind, so switching kinds keeps the basin as it is: τ = level/L(w)
 * − 1, or level = L(w)·(1 + τ). Without a slice (no L(w)) the number is kept.
 */
export function switchBasinKind(
  settings: BasinSettings,
  kind: BasinSettings['kind'],
  slice: SliceResult | null,
): BasinSettings {
  if (kind === settings.kind) return settings;
  if (!slice) return { kind, value: settings.value };
  let threshold: number;
  try {
    threshold = basinWidth(slice.t, slice.trainLoss, settings).threshold;
  } catch {
    return { kind, value: settings.value };
  }
  if (kind === 'absolute') return { kind, value: Number(threshold.toPrecision(4)) };
  const base = basinWidth(slice.t, slice.trainLoss, { kind: 'absolute', value: 0 }).baseLoss;
  if (!(base > 0)) return { kind, value: settings.value };
  return { kind, value: Math.max(0, Number((threshold / base - 1).toPrecision(3))) };
}
