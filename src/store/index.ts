import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createAnalysisSlice, type AnalysisSlice } from './analysis-slice';
import { createPersistenceSlice, type PersistenceSlice } from '../persistence/slice';
import { createBackendSlice } from './backend-slice';
import { createResultsSlice } from './results-slice';
import { createRunSlice } from './run-slice';
import { createRunsSlice } from './runs-slice';
import { createSettingsSlice } from './settings-slice';
import type { FlatlandState } from './types';

export type * from './types';

/** A fresh store; the app uses the single instance below, tests make their own. */
export function createFlatlandStore() {
  return createStore<FlatlandState & AnalysisSlice & PersistenceSlice>()((...a) => ({
    ...createSettingsSlice(...a),
    ...createRunSlice(...a),
    ...createBackendSlice(...a),
    ...createResultsSlice(...a),
    ...createRunsSlice(...a),
    ...createAnalysisSlice(...a),
    ...createPersistenceSlice(...a),
  }));
}

export type FlatlandStore = ReturnType<typeof createFlatlandStore>;

export const flatlandStore = createFlatlandStore();

/** Subscribes a component to one selected part of the store (select stable sub-objects). */
export function useFlatland<T>(
  selector: (state: FlatlandState & AnalysisSlice & PersistenceSlice) => T,
): T {
  return useStore(flatlandStore, selector);
}
