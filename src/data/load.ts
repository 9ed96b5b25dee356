/**
 * Loads a prepared dataset (see scripts/prepare-data.mjs) from the app's own origin: the
 * manifest, then the four .bin files in parallel, each checked against the manifest.
 * Runs in a Web Worker, on the main thread or in Node (tests inject `fetchFn`).
 */
import type { DatasetId as AnyDatasetId } from '../domain/api';
import type { DatasetId, ManifestFile } from './manifest';
import { parseManifestDataset } from './validate';

export interface DatasetSplit {
  /**
   * Images: count × 28 × 28 bytes, row-major, raw pixel values 0..255. Toy data
   * (`data/toy.ts`): count × 2 float32 coordinates, used as they are (see `exampleShape`).
   */
  images: Uint8Array | Float32Array;
  /** count class indices. */
  labels: Uint8Array;
  count: number;
  /** One example's shape, where float32 examples are not feature vectors (imported images). */
  shape?: [number, number, number];
}

export interface Dataset {
  id: AnyDatasetId;
  name: string;
  classes: string[];
  /** One example's shape [H, W, C]: [28, 28, 1] for images, [1, 1, 2] for toy points. */
  imageShape: [number, number, number];
  train: DatasetSplit;
  test: DatasetSplit;
}

export interface LoadOptions {
  /** Origin or path the app is served from; '' (default) means this page's or worker's origin. */
  baseUrl?: string;
  fetchFn?: typeof fetch;
  /** Also check every file's SHA-256 (crypto.subtle; needs a secure context). */
  verify?: boolean;
}

/**
 * The data root, `<base>/data/`. In a worker a relative URL would resolve against the worker
 * script's URL (e.g. /assets/), so relative bases are resolved against the origin instead.
 */
export function dataRoot(baseUrl = ''): URL {
  const origin = globalThis.location?.origin;
  let base: URL;
  try {
    base = origin ? new URL(baseUrl || '/', origin) : new URL(baseUrl);
  } catch (err) {
    throw new Error(
      `loadDataset: cannot resolve baseUrl "${baseUrl}"` +
        (origin ? '' : '; outside a browser baseUrl must be an absolute URL'),
      { cause: err },
    );
  }
  if (origin && base.origin !== origin) {
    throw new Error(`loadDataset: ${base.href} is not on this app's origin (${origin})`);
  }
  const dir = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return new URL(`${dir}data/`, base.origin);
}

/** Resolves a manifest path, refusing anything that would leave the data directory. */
function fileUrl(root: URL, path: string): URL {
  const url = new URL(path, root);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) {
    throw new Error(`Data manifest path "${path}" points outside ${root.href}`);
  }
  return url;
}

async function fetchOk(
  fetchFn: typeof fetch,
  url: URL,
  what: string,
  signal?: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    // Revalidate: a cached .bin from an older build must not pair with a newer manifest.
    response = await fetchFn(url.href, { cache: 'no-cache', signal });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not fetch ${what} (${url.href}): ${reason}`, { cause: err });
  }
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`.trim();
    throw new Error(`Could not fetch ${what} (${url.href}): HTTP ${status}`);
  }
  return response;
}

function toHex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchFile(
  fetchFn: typeof fetch,
  url: URL,
  file: ManifestFile,
  verify: boolean,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const response = await fetchOk(fetchFn, url, file.path, signal);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== file.bytes) {
    throw new Error(
      `Data file ${file.path} has ${bytes.length} bytes, the manifest says ${file.bytes}; ` +
        'run `npm run prepare-data` and reload',
    );
  }
  if (verify) {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new Error('SHA-256 verification needs crypto.subtle (https or localhost)');
    const actual = toHex(await subtle.digest('SHA-256', bytes));
    if (actual !== file.sha256) {
      throw new Error(`Data file ${file.path} fails its SHA-256 check (got ${actual})`);
    }
  }
  return bytes;
}

/** A label outside the class list would make a one-hot or a loss index silently wrong. */
function checkLabels(labels: Uint8Array, classes: number, path: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= classes) {
      throw new Error(`Data file ${path}: label ${labels[i]} at ${i} is not below ${classes}`);
    }
  }
}

/** Fetches and checks one dataset. Throws an Error naming the file on any problem. */
export async function loadDataset(id: DatasetId, options: LoadOptions = {}): Promise<Dataset> {
  const fetchFn = options.fetchFn ?? fetch;
  const verify = options.verify ?? false;
  const root = dataRoot(options.baseUrl);
  const manifestUrl = new URL('manifest.json', root);
  const response = await fetchOk(fetchFn, manifestUrl, 'data manifest');
  let json: unknown;
  try {
    json = await response.json();
  } catch (err) {
    throw new Error(`Data manifest ${manifestUrl.href} is not valid JSON`, { cause: err });
  }
  const entry = parseManifestDataset(json, id);
  const files = [entry.train.images, entry.train.labels, entry.test.images, entry.test.labels];
  // On the first failure the other downloads (up to 47 MB) are cancelled, not left running.
  const controller = new AbortController();
  // Resolve every path before fetching anything, so a bad manifest triggers no downloads.
  const urls = files.map((file) => fileUrl(root, file.path));
  const loads = files.map((file, i) =>
    fetchFile(fetchFn, urls[i]!, file, verify, controller.signal),
  );
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(loads).catch(
    (err: unknown) => {
      controller.abort();
      throw err;
    },
  );
  checkLabels(trainLabels!, entry.classes.length, entry.train.labels.path);
  checkLabels(testLabels!, entry.classes.length, entry.test.labels.path);
  return {
    id,
    name: entry.name,
    classes: entry.classes,
    imageShape: entry.imageShape,
    train: { images: trainImages!, labels: trainLabels!, count: entry.train.count },
    test: { images: testImages!, labels: testLabels!, count: entry.test.count },
  };
}
