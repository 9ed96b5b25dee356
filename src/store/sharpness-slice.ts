/**
 * The sharpness panel: the measurement's settings and target, one measured entry per run, and
 * the loss level of the 1D basin width it shows beside them.
 */
import type { SharpnessEntry, SharpnessSettings } from '../domain/analysis-records';
import { DEFAULT_SETTINGS } from '../schema';
import { patchAnalysis } from './analysis-state';
import type { SliceCreator } from './types';

export type { SharpnessEntry, SharpnessSettings } from '../domain/analysis-records';

/** `analysis.sharpness`. */
export interface SharpnessState {
  settings: SharpnessSettings;
  /** The run to measure (null: the newest). */
  runId: string | null;
  /** Measure every run trained with the same settings as `runId` (a comparison's four runs). */
  sameSettings: boolean;
  entries: SharpnessEntry[];
  error: string | null;
}

/** Loss level of the 1D basin width: L(w)·(1 + value) when relative, `value` when absolute. */
export interface BasinSettings {
  kind: 'relative' | 'absolute';
  value: number;
}

/** Actions on `analysis.sharpness` and `analysis.basin`. */
export interface SharpnessSlice {
  setSharpnessSettings: (patch: Partial<SharpnessSettings>) => void;
  setSharpnessTarget: (patch: Partial<Pick<SharpnessState, 'runId' | 'sameSettings'>>) => void;
  /** Adds a measured run, replacing an earlier entry for the same run. */
  addSharpnessEntry: (entry: SharpnessEntry) => void;
  clearSharpnessEntries: () => void;
  setSharpnessError: (message: string | null) => void;
  setBasin: (patch: Partial<BasinSettings>) => void;
}

/** The worker's defaults for sharpness, from the settings schema (which says why). */
export const DEFAULT_SHARPNESS: SharpnessSettings = DEFAULT_SETTINGS.sharpness;

/** "Within 10% of L(w)", the example level of the basin-width definition. */
export const DEFAULT_BASIN: BasinSettings = { kind: 'relative', value: 0.1 };

/** Nothing measured yet: the default settings, aimed at the newest run. */
export function freshSharpness(): SharpnessState {
  return {
    settings: { ...DEFAULT_SHARPNESS },
    runId: null,
    sameSettings: false,
    entries: [],
    error: null,
  };
}

/** `entries` with `entry` in place of the same run's earlier one, or added at the end. */
function withEntry(entries: SharpnessEntry[], entry: SharpnessEntry): SharpnessEntry[] {
  const at = entries.findIndex((e) => e.run.id === entry.run.id);
  return at < 0 ? [...entries, entry] : entries.map((e, i) => (i === at ? entry : e));
}

/** Creates the sharpness actions; its state starts in `freshAnalysis`. */
export const createSharpnessSlice: SliceCreator<SharpnessSlice> = (set) => ({
  setSharpnessSettings: (patch) =>
    patchAnalysis(set, 'sharpness', (s) => ({ ...s, settings: { ...s.settings, ...patch } })),
  setSharpnessTarget: (patch) => patchAnalysis(set, 'sharpness', (s) => ({ ...s, ...patch })),
  addSharpnessEntry: (entry) =>
    patchAnalysis(set, 'sharpness', (s) => ({
      ...s,
      entries: withEntry(s.entries, entry),
      error: null,
    })),
  clearSharpnessEntries: () => patchAnalysis(set, 'sharpness', (s) => ({ ...s, entries: [] })),
  setSharpnessError: (error) => patchAnalysis(set, 'sharpness', (s) => ({ ...s, error })),
  setBasin: (patch) => patchAnalysis(set, 'basin', (b) => ({ ...b, ...patch })),
});
