/**
 * Runtime checks of manifest.json. The manifest arrives over the network and may come from an
 * older build, so it is checked before any of its numbers are trusted for buffer sizes.
 */
import {
  MANIFEST_VERSION,
  type DatasetId,
  type ManifestDataset,
  type ManifestFile,
  type ManifestSplit,
} from './manifest';

/** Bytes of one 28×28×1 uint8 image. */
export const IMAGE_BYTES = 28 * 28;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function fail(where: string, what: string): never {
  throw new Error(`Invalid data manifest (${where}): ${what}`);
}

function checkFile(value: unknown, where: string, expectedBytes: number): ManifestFile {
  if (!isObject(value)) fail(where, 'missing file entry');
  const { path, bytes, sha256 } = value;
  if (typeof path !== 'string' || path === '') fail(where, 'missing path');
  if (!isCount(bytes)) fail(where, 'missing byte size');
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) fail(where, 'bad sha256');
  if (bytes !== expectedBytes) {
    fail(where, `${path} is listed as ${bytes} bytes, but its count implies ${expectedBytes}`);
  }
  return { path, bytes, sha256 };
}

function checkSplit(value: unknown, where: string): ManifestSplit {
  if (!isObject(value)) fail(where, 'missing split');
  const { count } = value;
  if (!isCount(count) || count === 0) fail(where, 'missing or zero count');
  return {
    count,
    images: checkFile(value.images, `${where}.images`, count * IMAGE_BYTES),
    labels: checkFile(value.labels, `${where}.labels`, count),
  };
}

function checkShape(value: unknown, where: string): void {
  const ok = Array.isArray(value) && value.length === 3;
  if (!ok || value[0] !== 28 || value[1] !== 28 || value[2] !== 1) {
    fail(where, `imageShape ${JSON.stringify(value)} is not [28, 28, 1]`);
  }
}

/** The parts of a manifest entry the loader relies on, all checked. */
export type CheckedDataset = Pick<
  ManifestDataset,
  'id' | 'name' | 'classes' | 'imageShape' | 'train' | 'test'
>;

/** Returns the entry for `id`, or throws an Error that says what is wrong and where. */
export function parseManifestDataset(json: unknown, id: DatasetId): CheckedDataset {
  if (!isObject(json)) fail('root', 'not a JSON object');
  if (json.version !== MANIFEST_VERSION) {
    fail('version', `got ${String(json.version)}, this app reads version ${MANIFEST_VERSION}`);
  }
  const entry = isObject(json.datasets) ? json.datasets[id] : undefined;
  if (!isObject(entry)) fail(id, 'dataset not listed; run `npm run prepare-data`');
  const { name, classes } = entry;
  if (typeof name !== 'string') fail(`${id}.name`, 'missing name');
  if (!Array.isArray(classes) || classes.length < 2 || classes.some((c) => typeof c !== 'string')) {
    fail(`${id}.classes`, 'expected a list of class names');
  }
  checkShape(entry.imageShape, `${id}.imageShape`);
  return {
    id,
    name,
    classes: classes as string[],
    imageShape: [28, 28, 1],
    train: checkSplit(entry.train, `${id}.train`),
    test: checkSplit(entry.test, `${id}.test`),
  };
}
