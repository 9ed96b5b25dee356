import type { FlatMinimaSettings, LandscapeConfig, TrainConfig } from '../domain/api';
import type { ToySettings } from '../domain/toy-data';
import { DEFAULT_LANDSCAPE, DEFAULT_TRAIN } from './defaults';
import type { SliceCreator } from './types';

/** A URL parameter that was present but not applied, with the reason shown to the user. */
export interface IgnoredParam {
  name: string;
  value: string;
  reason: string;
}

/** Fields of the controls that can hold an invalid draft (shown inline, blocking Train). */
export type EditableField =
  | 'lr'
  | 'momentum'
  | 'batchSize'
  | 'epochs'
  | 'seed'
  | 'rho'
  | 'm'
  | 'swaStart'
  | 'swaEvery'
  | 'sharpnessEvery'
  | 'cosineEvery'
  | 'swaLr'
  | 'stepSize'
  | 'gamma'
  | 'cycle'
  | 'annealEpochs'
  | 'labelNoise'
  | 'toyTrainSize'
  | 'toyTestSize'
  | 'toyNoise'
  | 'toyClasses'
  | 'toySeed'
  | 'model'
  // Any number typed into the model builder's layers.
  | 'layers';
/** The message of each control that holds an invalid draft. */
export type FieldErrors = Partial<Record<EditableField, string>>;

/** The settings of the page (training and landscape) and the state of their controls. */
export interface SettingsSlice {
  train: TrainConfig;
  landscapeConfig: LandscapeConfig;
  fieldErrors: FieldErrors;
  ignoredParams: IgnoredParam[];
  /** Name of the preset the settings came from (carried by links), or null. */
  preset: string | null;
  setTrain: (patch: Partial<TrainConfig>) => void;
  /**
   * Records flat-minima settings the user chose. `train.flat` holds only these overrides: the
   * rest follow the paper defaults of the optimizer and learning rate (see `resolveFlat`).
   */
  setFlat: (patch: Partial<FlatMinimaSettings>) => void;
  /** Back to the paper defaults for every optimizer setting (label noise is data, so it stays). */
  resetFlat: () => void;
  /** Changes how the toy dataset is generated (kept beside the other settings in `train.toy`). */
  setToy: (patch: Partial<ToySettings>) => void;
  setLandscapeConfig: (patch: Partial<LandscapeConfig>) => void;
  setFieldError: (field: EditableField, message: string | null) => void;
  setIgnoredParams: (params: IgnoredParam[]) => void;
  dismissIgnoredParams: () => void;
  setPreset: (name: string | null) => void;
}

/** Creates the settings slice from the schema's defaults. */
/**
 * Layers belong to a custom model only: choosing a built-in one drops them (and its links). So
 * does an imported dataset's reference when another dataset is chosen (the Your data panel's Use
 * chooses it again).
 */
function withoutUnused(train: TrainConfig): TrainConfig {
  const dropLayers = train.model !== 'custom' && train.layers !== undefined;
  const dropImported = train.dataset !== 'imported' && train.imported !== undefined;
  if (!dropLayers && !dropImported) return train;
  const rest = { ...train };
  if (dropLayers) delete rest.layers;
  if (dropImported) delete rest.imported;
  return rest;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  train: { ...DEFAULT_TRAIN },
  landscapeConfig: { ...DEFAULT_LANDSCAPE },
  fieldErrors: {},
  ignoredParams: [],
  preset: null,
  setTrain: (patch) => set((s) => ({ train: withoutUnused({ ...s.train, ...patch }) })),
  setFlat: (patch) => set((s) => ({ train: { ...s.train, flat: { ...s.train.flat, ...patch } } })),
  resetFlat: () =>
    set((s) => {
      const noise = s.train.flat?.labelNoise;
      return { train: { ...s.train, flat: noise === undefined ? {} : { labelNoise: noise } } };
    }),
  setToy: (patch) => set((s) => ({ train: { ...s.train, toy: { ...s.train.toy, ...patch } } })),
  setLandscapeConfig: (patch) =>
    set((s) => ({ landscapeConfig: { ...s.landscapeConfig, ...patch } })),
  setFieldError: (field, message) =>
    set((s) => {
      if ((s.fieldErrors[field] ?? null) === message) return s;
      const next = { ...s.fieldErrors };
      if (message === null) delete next[field];
      else next[field] = message;
      return { fieldErrors: next };
    }),
  setIgnoredParams: (params) => set({ ignoredParams: params }),
  dismissIgnoredParams: () => set({ ignoredParams: [] }),
  setPreset: (name) => set({ preset: name }),
});
