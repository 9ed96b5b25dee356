import type { BackendInfo } from '../domain/api';
import type { SliceCreator } from './types';

/** The TF.js backend: pending until the worker reports it, then its info or why it failed. */
export interface BackendState {
  status: 'pending' | 'ready' | 'error';
  info: BackendInfo | null;
  error: string | null;
}

/** `backend` and the device-loss notice, with their setters. */
export interface BackendSlice {
  backend: BackendState;
  setBackendInfo: (info: BackendInfo) => void;
  setBackendError: (message: string) => void;
  /** What happened when the GPU device was lost mid-run and training moved to another backend. */
  deviceNotice: string | null;
  setDeviceNotice: (message: string | null) => void;
}

/** Creates the backend slice: pending, no notice. */
export const createBackendSlice: SliceCreator<BackendSlice> = (set) => ({
  backend: { status: 'pending', info: null, error: null },
  setBackendInfo: (info) => set({ backend: { status: 'ready', info, error: null } }),
  setBackendError: (message) => set({ backend: { status: 'error', info: null, error: message } }),
  deviceNotice: null,
  setDeviceNotice: (message) => set({ deviceNotice: message }),
});
