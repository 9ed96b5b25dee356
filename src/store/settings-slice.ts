import { DEFAULT_LANDSCAPE, DEFAULT_TRAIN } from './defaults';
import type { SettingsSlice, SliceCreator } from './types';

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  train: { ...DEFAULT_TRAIN },
  landscapeConfig: { ...DEFAULT_LANDSCAPE },
  fieldErrors: {},
  ignoredParams: [],
  preset: null,
  setTrain: (patch) => set((s) => ({ train: { ...s.train, ...patch } })),
  setFlat: (patch) => set((s) => ({ train: { ...s.train, flat: { ...s.train.flat, ...patch } } })),
  resetFlat: () =>
    set((s) => {
      const noise = s.train.flat?.labelNoise;
      return { train: { ...s.train, flat: noise === undefined ? {} : { labelNoise: noise } } };
    }),
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
