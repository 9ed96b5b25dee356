#!/usr/bin/env node
/**
 * Writes the `.h5` surface files the interop tests read, in the layout of Li et al.'s
 * loss-landscape code (tomgoldstein/loss-landscape, plot_surface.py), independently of
 * Flatland's own writer:
 *
 *   - `xcoordinates` (and `ycoordinates` for 2D) from np.linspace;
 *   - each surface dataset created with shape (len(x), len(y)) and filled through
 *     `losses.ravel()[k]` where point k = (meshgrid(x, y)[0].ravel()[k], meshgrid(x, y)[1].ravel()[k]),
 *     i.e. k = i·len(x) + j is the point (x[j], y[i]);
 *   - accuracies in percent (their eval_loss returns 100·correct/total); `dir_file` as a string.
 *
 * The surface is asymmetric, loss = 1 + x + 10·y², on a non-square grid, so that a transposed
 * or mirrored import cannot pass the tests. Usage: node scripts/make-h5-fixtures.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import h5wasm from 'h5wasm';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures-h5');

const linspace = (a, b, n) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

const trainLoss = (x, y) => 1 + x + 10 * y * y;
const trainAccPercent = (x, y) => 100 - 10 * Math.abs(x) - 20 * y * y;

/** Values in the order of `vals.ravel()` over `np.meshgrid(x, y)`: y outer, x inner. */
function meshgridRavel(x, y, f) {
  const out = new Float64Array(x.length * y.length);
  for (let k = 0; k < out.length; k++) out[k] = f(x[k % x.length], y[Math.floor(k / x.length)]);
  return out;
}

async function writeFile(name, build) {
  const { FS } = await h5wasm.ready;
  const path = `/${name}`;
  const file = new h5wasm.File(path, 'w');
  build(file);
  file.close();
  writeFileSync(join(OUT, name), FS.readFile(path));
  FS.unlink(path);
  console.log(`wrote test/fixtures-h5/${name}`);
}

const X = linspace(-1, 1, 5);
const Y = linspace(-0.5, 0.5, 3);
const shape2d = [X.length, Y.length];

mkdirSync(OUT, { recursive: true });

await writeFile('surface_2d.h5', (f) => {
  f.create_dataset({
    name: 'dir_file',
    data: 'model_300.t7_weights_xignore=biasbn_xnorm=filter.h5',
  });
  f.create_dataset({ name: 'xcoordinates', data: Float64Array.from(X) });
  f.create_dataset({ name: 'ycoordinates', data: Float64Array.from(Y) });
  f.create_dataset({ name: 'train_loss', data: meshgridRavel(X, Y, trainLoss), shape: shape2d });
  f.create_dataset({
    name: 'train_acc',
    data: meshgridRavel(X, Y, trainAccPercent),
    shape: shape2d,
  });
  f.create_dataset({
    name: 'test_loss',
    data: meshgridRavel(X, Y, (x, y) => 2 * trainLoss(x, y)),
    shape: shape2d,
  });
  f.create_dataset({
    name: 'test_acc',
    data: meshgridRavel(X, Y, (x, y) => trainAccPercent(x, y) - 5),
    shape: shape2d,
  });
});

// A 1D slice with only the training values, in float32 as some forks write them.
await writeFile('surface_1d.h5', (f) => {
  f.create_dataset({ name: 'xcoordinates', data: Float64Array.from(X) });
  f.create_dataset({ name: 'train_loss', data: Float32Array.from(X, (x) => trainLoss(x, 0)) });
  f.create_dataset({ name: 'train_acc', data: Float32Array.from(X, (x) => trainAccPercent(x, 0)) });
});

// Interrupted: the code fills a surface with −1 before computing it.
await writeFile('surface_2d_interrupted.h5', (f) => {
  const data = meshgridRavel(X, Y, trainLoss);
  data.fill(-1, 9);
  f.create_dataset({ name: 'xcoordinates', data: Float64Array.from(X) });
  f.create_dataset({ name: 'ycoordinates', data: Float64Array.from(Y) });
  f.create_dataset({ name: 'train_loss', data, shape: shape2d });
});

await writeFile('surface_2d_wrong_shape.h5', (f) => {
  f.create_dataset({ name: 'xcoordinates', data: Float64Array.from(X) });
  f.create_dataset({ name: 'ycoordinates', data: Float64Array.from(Y) });
  f.create_dataset({ name: 'train_loss', data: new Float64Array(16).fill(1), shape: [4, 4] });
});

await writeFile('surface_no_x.h5', (f) => {
  f.create_dataset({ name: 'train_loss', data: Float64Array.from(X) });
});

await writeFile('surface_text_loss.h5', (f) => {
  f.create_dataset({ name: 'xcoordinates', data: Float64Array.from(X) });
  f.create_dataset({ name: 'train_loss', data: ['a', 'b', 'c', 'd', 'e'] });
});
