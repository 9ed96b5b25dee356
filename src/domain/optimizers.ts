/**
 * Run and optimizer identities: the order in which `compare` trains its runs, each optimizer's
 * short name and its colour. One copy, TF-free: the worker names and colours its runs with these,
 * and the UI uses them while a run trains, before its RunInfo (the authority on a saved run's
 * name and colour) exists.
 */
import type { OptimizerId } from './api';

/** The optimizers of a comparison, in the order they are trained and listed. */
export const COMPARE_ORDER: readonly OptimizerId[] = ['sgd', 'swa', 'sam', 'wasam'];

export const OPTIMIZER_NAMES: Readonly<Record<OptimizerId, string>> = {
  sgd: 'SGD',
  adam: 'Adam',
  swa: 'SWA',
  sam: 'SAM',
  wasam: 'WASAM',
  fge: 'FGE',
};

export const OPTIMIZER_COLORS: Readonly<Record<OptimizerId, string>> = {
  sgd: '#1f77b4',
  adam: '#ff7f0e',
  swa: '#2ca02c',
  sam: '#d62728',
  wasam: '#9467bd',
  fge: '#8c564b',
};
