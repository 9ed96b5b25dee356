import type { BackendSlice, SliceCreator } from './types';

export const createBackendSlice: SliceCreator<BackendSlice> = (set) => ({
  backend: { status: 'pending', info: null, error: null },
  setBackendInfo: (info) => set({ backend: { status: 'ready', info, error: null } }),
  setBackendError: (message) => set({ backend: { status: 'error', info: null, error: message } }),
  deviceNotice: null,
  setDeviceNotice: (message) => set({ deviceNotice: message }),
});
