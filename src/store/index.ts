import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createAnalysisSlice } from './analysis-slice';
import { createBackendSlice } from './backend-slice';
import { createPersistenceSlice } from './persistence-slice';
import { createResultsSlice } from './results-slice';
import { createRunSlice, isRunActive } from './run-slice';
import { createRunsSlice } from './runs-slice';
import { createSettingsSlice } from './settings-slice';
import type { FlatlandState } from './types';

export type * from './types';
export { isRunActive } from './run-slice';

/** A fresh store; the app uses the single instance below, tests make their own. */
export function createFlatlandStore() {
  return createStore<FlatlandState>()((...a) => ({
    ...createSettingsSlice(...a),
    ...createRunSlice(...a),
    ...createBackendSlice(...a),
    ...createResultsSlice(...a),
    ...createRunsSlice(...a),
    ...createAnalysisSlice(...a),
    ...createPersistenceSlice(...a),
  }));
}

/** The store's API (getState, setState, subscribe), as the app's controllers take it. */
export type FlatlandStore = ReturnType<typeof createFlatlandStore>;

/** The page's one store. */
export const flatlandStore = createFlatlandStore();

/** Subscribes a component to one selected part of the store (select stable sub-objects). */
export function useFlatland<T>(selector: (state: FlatlandState) => T): T {
  return useStore(flatlandStore, selector);
}

/**
 * Whether a run holds the settings and the run buttons: loading, training or paused. Not while
 * saved runs come back after a reload (status 'loading' with `persistence.restoring`): a press of
 * Train then waits for them (RunController.start), so the buttons stay enabled rather than
 * flicker off and on under the pointer as the page starts.
 */
export function runHoldsControls(s: FlatlandState): boolean {
  return isRunActive(s.run.status) && !(s.run.status === 'loading' && s.persistence.restoring);
}
