/** Store slice of saving, restoring and importing: plain data only (no weights). */
import type { SliceCreator } from './types';

/** How much storage the saved runs take, for the storage line of the runs panel. */
export interface StorageUsage {
  /** Bytes of our own records (weights plus the records' JSON). */
  ours: number;
  /** The origin's usage and quota from navigator.storage.estimate(), when the browser tells. */
  usage: number | null;
  quota: number | null;
}

/** `persistence`: what the app tells about saving, restoring and importing. */
export interface PersistenceState {
  storage: StorageUsage | null;
  /** Why saving failed (a full quota) or a saved run could not come back; null when all is well. */
  notice: string | null;
  /** Outcome of the last import, shown by the Import control. */
  importMessage: { kind: 'ok' | 'error'; text: string } | null;
  /** Name of an imported surface shown read-only in the slice and landscape views. */
  importedSurface: string | null;
  /** Saved runs are being restored: training waits for them. */
  restoring: boolean;
}

/** The `persistence` state and its setters (the persistence controller in app/ calls them). */
export interface PersistenceSlice {
  persistence: PersistenceState;
  setStorage: (storage: StorageUsage) => void;
  setPersistenceNotice: (notice: string | null) => void;
  setImportMessage: (message: PersistenceState['importMessage']) => void;
  setImportedSurface: (name: string | null) => void;
  setRestoring: (restoring: boolean) => void;
}

/** Creates the persistence slice: nothing saved, restored or imported yet. */
export const createPersistenceSlice: SliceCreator<PersistenceSlice> = (set) => {
  const patch = (p: Partial<PersistenceState>) =>
    set((s) => ({ persistence: { ...s.persistence, ...p } }));
  return {
    persistence: {
      storage: null,
      notice: null,
      importMessage: null,
      importedSurface: null,
      restoring: false,
    },
    setStorage: (storage) => patch({ storage }),
    setPersistenceNotice: (notice) => patch({ notice }),
    setImportMessage: (importMessage) => patch({ importMessage }),
    setImportedSurface: (importedSurface) => patch({ importedSurface }),
    setRestoring: (restoring) => patch({ restoring }),
  };
};
