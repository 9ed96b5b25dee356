/**
 * Datasets a person imported (`.npz`, `.npy` or CSV), as the UI and the worker see them: the
 * dataset's identity and shape, not its arrays (those stay in the worker and IndexedDB), and the
 * limits an import is held to (the parsers check them, the panel states them).
 */

/** What an imported dataset may hold; the panel states the same numbers. */
export const IMPORT_LIMITS = {
  /** Samples over both splits. */
  samples: 70_000,
  /** Values of one sample (e.g. 64×64×3 = 12,288). */
  features: 12_288,
  /** Values over every sample: 25 M float32 values, 100 MB. */
  values: 25_000_000,
  /** Classes (labels 0 … classes − 1). */
  classes: 100,
  /** Bytes of the chosen files together: 25 M float64 values and their headers fit. */
  fileBytes: 256 * 1024 * 1024,
} as const;

/** The limits in words, as the import panel shows them. */
export const IMPORT_LIMITS_TEXT =
  `At most ${IMPORT_LIMITS.samples.toLocaleString('en-US')} samples, ` +
  `${IMPORT_LIMITS.features.toLocaleString('en-US')} values per sample (e.g. 64×64×3), ` +
  `${IMPORT_LIMITS.values / 1e6} M values in all (100 MB as float32), ` +
  `${IMPORT_LIMITS.classes} classes and ${IMPORT_LIMITS.fileBytes / 2 ** 20} MB of files.`;

/** One imported dataset, as listed. */
export interface ImportedDataMeta {
  /** Content hash (SHA-256 of the shape and arrays, hex): the same data imports to the same id. */
  id: string;
  /** The file's name without extension. */
  name: string;
  /** One sample's shape [H, W, C] (N × D arrays are [1, 1, D]). */
  input: [number, number, number];
  classes: number;
  train: number;
  test: number;
  /** Where the test split came from, e.g. "held out 20% (seed 1)". */
  testFrom: string;
  /** Whether the file's uint8 values were scaled by 1/255. */
  scaled: boolean;
  /** Bytes the arrays take in IndexedDB. */
  bytes: number;
  savedAt: number;
}

/**
 * What a run's settings say of its imported dataset (`train.imported`): enough to build the model
 * and check the batch size in any browser, and the id under which this browser may hold the data.
 */
export type ImportedDataRef = Pick<ImportedDataMeta, 'id' | 'name' | 'input' | 'classes' | 'train'>;

/** The reference a run's settings keep of an imported dataset. */
export const importedRef = (m: ImportedDataMeta): ImportedDataRef => ({
  id: m.id,
  name: m.name,
  input: [...m.input],
  classes: m.classes,
  train: m.train,
});

/** A file picked for import: its name (the extension says how to read it) and bytes. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** One sample's shape in words: "4×4×1 images" or "3 features". */
export function describeInput([h, w, c]: [number, number, number]): string {
  return h === 1 && w === 1 ? `${c} features` : `${h}×${w}×${c} images`;
}

/** The message when a link or run file names imported data this browser does not hold. */
export const missingImportMessage = (ref: Pick<ImportedDataRef, 'name' | 'id'>) =>
  `Import ${ref.name} first: these settings train on the imported dataset "${ref.name}" ` +
  `(id ${ref.id.slice(0, 12)}…), which this browser does not hold (Import data panel).`;
