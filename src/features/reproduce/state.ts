/** The Reproduce panel's own state: the preset that runs, its progress and its last outcome. */
import { createStore } from 'zustand/vanilla';
import type { PresetOutcome, PresetProgress } from '../../app/presets-runner';
import type { PresetId } from '../../domain/reproduce/presets';

export interface ReproduceState {
  running: PresetId | null;
  progress: PresetProgress | null;
  outcome: PresetOutcome | null;
  error: string | null;
}

export const reproduceStore = createStore<ReproduceState>()(() => ({
  running: null,
  progress: null,
  outcome: null,
  error: null,
}));
