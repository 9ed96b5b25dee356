/**
 * The store's whole state, composed of its slices. Each slice declares its type beside its
 * creator (zustand's slices pattern); they are re-exported here so that a consumer names any part
 * of the state from one module.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { AnalysisSlice } from './analysis-slice';
import type { BackendSlice } from './backend-slice';
import type { PersistenceSlice } from './persistence-slice';
import type { ResultsSlice } from './results-slice';
import type { RunSlice } from './run-slice';
import type { RunsSlice } from './runs-slice';
import type { SettingsSlice } from './settings-slice';

export type * from './analysis-slice';
export type * from './backend-slice';
export type * from './persistence-slice';
export type * from './results-slice';
export type * from './run-slice';
export type * from './runs-slice';
export type * from './settings-slice';

/** Everything the store holds: every slice's state and actions. */
export type FlatlandState = SettingsSlice &
  RunSlice &
  BackendSlice &
  ResultsSlice &
  RunsSlice &
  AnalysisSlice &
  PersistenceSlice;

/** The slices pattern: each slice sees the whole state but creates only its own part. */
export type SliceCreator<T> = StateCreator<FlatlandState, [], [], T>;
