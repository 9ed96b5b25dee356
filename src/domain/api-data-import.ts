/**
 * The data-import part of the worker contract (`FlatlandWorkerApi` extends it): the worker reads,
 * checks and hashes the files (off the UI thread) and keeps the datasets in IndexedDB.
 */
import type { ImportedDataMeta, PickedFile } from './imported-data';

export interface DataImportApi {
  /**
   * Reads and checks the files (one `.npz`, `.npy` files x and y, or one CSV), then stores the
   * dataset; rejects with the file's problem and stores nothing when one is found.
   */
  importData(files: PickedFile[]): Promise<ImportedDataMeta>;
  /** The imported datasets this browser holds, oldest first. */
  listImportedData(): Promise<ImportedDataMeta[]>;
  /** Deletes an imported dataset (runs trained on it stay, but cannot be analysed again). */
  deleteImportedData(id: string): Promise<void>;
}
