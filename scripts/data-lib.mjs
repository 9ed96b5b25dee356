/**
 * Pure helpers for scripts/prepare-data.mjs: IDX parsing, a seeded PRNG and the stratified
 * Fashion-MNIST split. No file system access here, so every piece can be unit-tested on
 * small synthetic inputs (src/data/prepare-lib.test.ts).
 */

/** IDX type code for unsigned bytes, the only element type MNIST uses. */
const IDX_UBYTE = 0x08;

/**
 * Same mulberry32 as makeRng in src/domain/random.ts. Duplicated because Node 20 cannot import
 * TypeScript; a unit test pins the two to the same sequence.
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Same as deriveSeed in src/domain/random.ts (pinned by a test).
 * @param {number} seed
 * @param {string} purpose
 */
export function deriveSeed(seed, purpose) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Fisher–Yates shuffle of 0..n-1, identical to permutation in src/domain/random.ts.
 * @param {number} n
 * @param {() => number} rng
 */
export function permutation(n, rng) {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/**
 * Parses an IDX file of unsigned bytes. The body is returned as a view, not a copy, so a
 * 47 MB image file is not duplicated in memory.
 * @param {Uint8Array} bytes
 * @param {string} name used in error messages
 * @param {number} [expectedRank] when given, the magic number must announce this many dims
 * @returns {{ dims: number[], data: Uint8Array }}
 */
export function parseIdx(bytes, name, expectedRank) {
  if (bytes.length < 4) throw new Error(`${name}: ${bytes.length} bytes is too short for IDX`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const typeCode = bytes[2];
  const rank = bytes[3];
  const wantRank = expectedRank ?? rank;
  if (bytes[0] !== 0 || bytes[1] !== 0 || typeCode !== IDX_UBYTE || rank < 1 || rank !== wantRank) {
    const want = (IDX_UBYTE * 256 + Math.max(wantRank, 1)).toString(16).padStart(8, '0');
    throw new Error(
      `${name}: bad IDX magic number 0x${magic.toString(16).padStart(8, '0')} (expected 0x${want})`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new Error(`${name}: truncated IDX header`);
  const dims = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const bodyBytes = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + bodyBytes) {
    throw new Error(
      `${name}: IDX dims [${dims.join(', ')}] need ${headerBytes + bodyBytes} bytes, file has ${bytes.length}`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/**
 * Parses an IDX file and checks it has exactly the expected dimensions.
 * @param {Uint8Array} bytes
 * @param {string} name
 * @param {number[]} expectedDims
 */
export function parseIdxExpect(bytes, name, expectedDims) {
  const { dims, data } = parseIdx(bytes, name, expectedDims.length);
  if (dims.length !== expectedDims.length || dims.some((d, i) => d !== expectedDims[i])) {
    throw new Error(
      `${name}: expected dims [${expectedDims.join(', ')}], got [${dims.join(', ')}]`,
    );
  }
  return data;
}

/**
 * Throws unless every label is below numClasses; a corrupt label would silently poison training.
 * @param {Uint8Array} labels
 * @param {number} numClasses
 * @param {string} name
 */
export function checkLabels(labels, numClasses, name) {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) {
      throw new Error(`${name}: label ${labels[i]} at index ${i} is not below ${numClasses}`);
    }
  }
}

/**
 * Per-class seeded split: each class's indices are permuted with a seed derived from `seed` and
 * the class number, the first `train` go to train, the next `test` to test, the rest are dropped.
 * @param {number[]} classSizes images available per class
 * @param {{ train: number, test: number, seed: number }} options per-class counts
 * @returns {{ train: Int32Array, test: Int32Array, dropped: Int32Array }[]} within-class indices
 */
export function stratifiedSplit(classSizes, { train, test, seed }) {
  return classSizes.map((size, c) => {
    if (size < train + test) {
      throw new Error(`class ${c} has ${size} images, needs at least ${train + test}`);
    }
    const order = permutation(size, mulberry32(deriveSeed(seed, `class-${c}`)));
    return {
      train: order.slice(0, train),
      test: order.slice(train, train + test),
      dropped: order.slice(train + test),
    };
  });
}

/**
 * Gathers the chosen images of every class into one set and shuffles it so classes interleave.
 * @param {Uint8Array[]} classImages per class, rows of `pixels` bytes
 * @param {Int32Array[]} picks per class, within-class indices to take
 * @param {number} shuffleSeed
 * @param {number} pixels bytes per image
 * @returns {{ images: Uint8Array, labels: Uint8Array }}
 */
export function assembleSplit(classImages, picks, shuffleSeed, pixels) {
  const total = picks.reduce((sum, p) => sum + p.length, 0);
  const srcClass = new Uint8Array(total);
  const srcIndex = new Int32Array(total);
  let k = 0;
  picks.forEach((p, c) => {
    for (const i of p) {
      srcClass[k] = c;
      srcIndex[k++] = i;
    }
  });
  const order = permutation(total, mulberry32(shuffleSeed));
  const images = new Uint8Array(total * pixels);
  const labels = new Uint8Array(total);
  for (let j = 0; j < total; j++) {
    const s = order[j];
    const c = srcClass[s];
    const start = srcIndex[s] * pixels;
    images.set(classImages[c].subarray(start, start + pixels), j * pixels);
    labels[j] = c;
  }
  return { images, labels };
}

/**
 * Packs one Fashion-MNIST class file's `data` rows into bytes. Empty rows are a known quirk
 * of the fashion-mnist package (class 0 has two) and are skipped and reported; anything else
 * that is not `pixels` integers in 0..255 means the package is corrupt.
 * @param {unknown} json parsed class file
 * @param {number} pixels
 * @param {string} name
 * @returns {{ images: Uint8Array, count: number, sourceIndex: Int32Array, empty: number[] }}
 */
export function packClassRows(json, pixels, name) {
  const rows = json !== null && typeof json === 'object' ? /** @type {any} */ (json).data : null;
  if (!Array.isArray(rows)) throw new Error(`${name}: expected {"data": [[...], ...]}`);
  const images = new Uint8Array(rows.length * pixels);
  const sourceIndex = new Int32Array(rows.length);
  const empty = [];
  let count = 0;
  rows.forEach((row, r) => {
    if (Array.isArray(row) && row.length === 0) {
      empty.push(r);
      return;
    }
    if (!Array.isArray(row) || row.length !== pixels) {
      throw new Error(
        `${name}: row ${r} has ${Array.isArray(row) ? row.length : 'no'} values, expected ${pixels}`,
      );
    }
    const base = count * pixels;
    for (let p = 0; p < pixels; p++) {
      const v = row[p];
      if (!Number.isInteger(v) || v < 0 || v > 255) {
        throw new Error(`${name}: row ${r} value ${p} is ${String(v)}, expected an integer 0..255`);
      }
      images[base + p] = v;
    }
    sourceIndex[count++] = r;
  });
  return {
    images: images.subarray(0, count * pixels),
    count,
    sourceIndex: sourceIndex.subarray(0, count),
    empty,
  };
}
