import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataRoot, loadDataset } from './load';
import type { ImageShape, Manifest } from './manifest';

const BASE = 'http://app.test';
const PIXELS = 784;

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function images(count: number, fill: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: count * PIXELS }, (_, i) => (fill + i) % 256);
}

/** A tiny prepared dataset: 3 train and 2 test images, as prepare-data.mjs would lay it out. */
async function makeSite(): Promise<Map<string, Uint8Array | string>> {
  const files: Record<string, Uint8Array<ArrayBuffer>> = {
    'train-images': images(3, 0),
    'train-labels': Uint8Array.of(2, 0, 1),
    'test-images': images(2, 100),
    'test-labels': Uint8Array.of(1, 2),
  };
  const site = new Map<string, Uint8Array | string>();
  const entry = async (name: string) => {
    const path = `mnist/${name}.bin`;
    site.set(`${BASE}/data/${path}`, files[name]!);
    return { path, bytes: files[name]!.length, sha256: await sha256(files[name]!) };
  };
  const split = async (s: string, count: number) => ({
    count,
    images: await entry(`${s}-images`),
    labels: await entry(`${s}-labels`),
  });
  const manifest = {
    version: 1,
    datasets: {
      mnist: {
        id: 'mnist',
        name: 'MNIST',
        classes: ['a', 'b', 'c'],
        imageShape: [28, 28, 1],
        train: await split('train', 3),
        test: await split('test', 2),
      },
    },
  };
  site.set(`${BASE}/data/manifest.json`, JSON.stringify(manifest));
  return site;
}

function fakeFetch(site: Map<string, Uint8Array | string>) {
  return vi.fn(async (input: RequestInfo | URL): Promise<Response> => {
    const body = site.get(String(input));
    if (body === undefined) return new Response('nope', { status: 404, statusText: 'Not Found' });
    return new Response(typeof body === 'string' ? body : body.slice());
  }) as unknown as typeof fetch & ReturnType<typeof vi.fn>;
}

function editManifest(site: Map<string, Uint8Array | string>, edit: (m: Manifest) => void): void {
  const m = JSON.parse(site.get(`${BASE}/data/manifest.json`) as string) as Manifest;
  edit(m);
  site.set(`${BASE}/data/manifest.json`, JSON.stringify(m));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadDataset', () => {
  it('loads and checks all four files', async () => {
    const site = await makeSite();
    const fetchFn = fakeFetch(site);
    const ds = await loadDataset('mnist', { baseUrl: BASE, fetchFn, verify: true });
    expect(ds.id).toBe('mnist');
    expect(ds.classes).toEqual(['a', 'b', 'c']);
    expect(ds.imageShape).toEqual([28, 28, 1]);
    expect(ds.train.count).toBe(3);
    expect(ds.test.count).toBe(2);
    expect(ds.train.images).toEqual(images(3, 0));
    expect(Array.from(ds.train.labels)).toEqual([2, 0, 1]);
    expect(ds.test.images).toEqual(images(2, 100));
    expect(Array.from(ds.test.labels)).toEqual([1, 2]);
    expect(fetchFn).toHaveBeenCalledTimes(5);
  });

  it('names the file whose size does not match the manifest', async () => {
    const site = await makeSite();
    site.set(`${BASE}/data/mnist/test-images.bin`, images(2, 100).subarray(1));
    await expect(loadDataset('mnist', { baseUrl: BASE, fetchFn: fakeFetch(site) })).rejects.toThrow(
      /mnist\/test-images\.bin has 1567 bytes, the manifest says 1568/,
    );
  });

  it('names the file that fails its SHA-256 check only when verifying', async () => {
    const site = await makeSite();
    const tampered = images(3, 0);
    tampered[5] = 255 - tampered[5]!;
    site.set(`${BASE}/data/mnist/train-images.bin`, tampered);
    const ds = await loadDataset('mnist', { baseUrl: BASE, fetchFn: fakeFetch(site) });
    expect(ds.train.images).toEqual(tampered);
    await expect(
      loadDataset('mnist', { baseUrl: BASE, fetchFn: fakeFetch(site), verify: true }),
    ).rejects.toThrow(/mnist\/train-images\.bin fails its SHA-256 check/);
  });

  it('reports an HTTP error with the file and status', async () => {
    const site = await makeSite();
    site.delete(`${BASE}/data/mnist/train-labels.bin`);
    await expect(loadDataset('mnist', { baseUrl: BASE, fetchFn: fakeFetch(site) })).rejects.toThrow(
      'Could not fetch mnist/train-labels.bin (http://app.test/data/mnist/train-labels.bin): HTTP 404 Not Found',
    );
  });

  it('reports a missing manifest and a dataset absent from it', async () => {
    await expect(
      loadDataset('mnist', { baseUrl: BASE, fetchFn: fakeFetch(new Map()) }),
    ).rejects.toThrow(/Could not fetch data manifest .*HTTP 404/);
    const site = await makeSite();
    await expect(
      loadDataset('fashion-mnist', { baseUrl: BASE, fetchFn: fakeFetch(site) }),
    ).rejects.toThrow(/fashion-mnist.*dataset not listed/);
  });

  it('rejects inconsistent or foreign manifests before fetching any file', async () => {
    const cases: [(m: Manifest) => void, RegExp][] = [
      [(m) => (m.version = 2), /version.*got 2/],
      [(m) => (m.datasets.mnist.train.count = 4), /train\.images.*implies 3136/],
      [(m) => (m.datasets.mnist.imageShape = [32, 32, 3] as unknown as ImageShape), /imageShape/],
      [(m) => (m.datasets.mnist.train.images.path = '../../secret.bin'), /points outside/],
      [(m) => (m.datasets.mnist.test.labels.path = 'https://evil.test/x'), /points outside/],
    ];
    for (const [edit, message] of cases) {
      const site = await makeSite();
      editManifest(site, edit);
      const fetchFn = fakeFetch(site);
      await expect(loadDataset('mnist', { baseUrl: BASE, fetchFn })).rejects.toThrow(message);
      expect(fetchFn).toHaveBeenCalledTimes(1);
    }
  });

  it('rejects labels outside the class list', async () => {
    const site = await makeSite();
    site.set(`${BASE}/data/mnist/test-labels.bin`, Uint8Array.of(1, 3));
    editManifest(site, (m) => (m.datasets.mnist.test.labels.sha256 = '0'.repeat(64)));
    await expect(loadDataset('mnist', { baseUrl: BASE, fetchFn: fakeFetch(site) })).rejects.toThrow(
      /mnist\/test-labels\.bin: label 3 at 1 is not below 3/,
    );
  });
});

describe('dataRoot', () => {
  it('resolves against the origin, not a worker script URL', () => {
    vi.stubGlobal('location', { origin: BASE, href: `${BASE}/assets/worker-abc.js` });
    expect(dataRoot('').href).toBe(`${BASE}/data/`);
    expect(dataRoot('/sub').href).toBe(`${BASE}/sub/data/`);
    expect(dataRoot(`${BASE}/sub/`).href).toBe(`${BASE}/sub/data/`);
  });

  it('refuses another origin when running in a page or worker', () => {
    vi.stubGlobal('location', { origin: BASE });
    expect(() => dataRoot('https://cdn.example/')).toThrow(/not on this app's origin/);
  });

  it('needs an absolute base outside a browser', () => {
    vi.stubGlobal('location', undefined);
    expect(() => dataRoot('')).toThrow(/must be an absolute URL/);
    expect(dataRoot('http://x.test/a').href).toBe('http://x.test/a/data/');
  });

  it('loads from the same origin by default', async () => {
    vi.stubGlobal('location', { origin: BASE });
    const fetchFn = fakeFetch(await makeSite());
    await loadDataset('mnist', { fetchFn });
    expect(fetchFn.mock.calls[0]![0]).toBe(`${BASE}/data/manifest.json`);
  });
});
