/**
 * Types of public/data/manifest.json, written by scripts/prepare-data.mjs. Both sides must
 * agree on MANIFEST_VERSION; the loader refuses any other version rather than guess.
 */

export const MANIFEST_VERSION = 1;

export const DATASET_IDS = ['mnist', 'fashion-mnist'] as const;

/** Same union as DatasetId in src/domain/api.ts (data owns the list of ids it can load). */
export type DatasetId = (typeof DATASET_IDS)[number];
/** The ids the loader fetches (the toy datasets are generated instead, see `data/toy.ts`). */
export type ImageDatasetId = DatasetId;

/** Every image is 28×28 greyscale, stored as uint8 NHWC without the batch axis. */
export type ImageShape = [28, 28, 1];

/** One binary file, relative to the data directory (e.g. `mnist/train-images.bin`). */
export interface ManifestFile {
  path: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
}

export interface ManifestSplit {
  count: number;
  /** count × 28 × 28 bytes, row-major, raw pixel values 0..255. */
  images: ManifestFile;
  /** count bytes, class indices 0..classes.length-1. */
  labels: ManifestFile;
}

/** A source record left out of both splits, and why. */
export interface DroppedRecord {
  class: number;
  /** Index of the record in the source package's class file. */
  sourceIndex: number;
  reason: string;
}

export interface ManifestDataset {
  id: DatasetId;
  name: string;
  classes: string[];
  imageShape: ImageShape;
  source: { package: string; version: string };
  split: { description: string; seeds: Record<string, number>; dropped: DroppedRecord[] };
  train: ManifestSplit;
  test: ManifestSplit;
}

export interface Manifest {
  version: number;
  datasets: Record<DatasetId, ManifestDataset>;
}
