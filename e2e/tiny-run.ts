/** The tiny runs the browser tests train, preset through the URL, and the steps that open them. */
import type { Page } from '@playwright/test';
import {
  LANDSCAPE_MS,
  appUrl,
  expectBackend,
  expectFinitePlot,
  trainAndWait,
  type Backend,
} from './helpers';

/**
 * The tiniest run that still gives every plot, in the URL's version-1 names: the CPU backend, the
 * tiny CNN on 64 images in two batches of 32 for one epoch, metrics and landscape on 64 images, a
 * 5-point 1D slice and a 3×3 grid.
 */
export const TINY_RUN = {
  backend: 'cpu',
  model: 'tiny-cnn',
  subset: '64',
  batch: '32',
  epochs: '1',
  evalSamples: '64',
  slice: '5',
  grid: '3',
} as const;

/**
 * The tiny run as a version-2 link (dotted setting paths; metrics and landscape each on 64
 * images), on the app's default model unless `train.model` is given.
 */
export const TINY_RUN_V2 = {
  v: '2',
  backend: 'cpu',
  'train.subset': '64',
  'train.batchSize': '32',
  'train.epochs': '1',
  'train.evalSamples': '64',
  'landscape.evalSamples': '64',
  'landscape.slicePoints': '5',
  'landscape.gridSize': '3',
} as const;

/** The tiny run's training settings as their labelled controls show them. */
export const TINY_CONTROLS = {
  'Training subset': TINY_RUN.subset,
  'Batch size': TINY_RUN.batch,
  Epochs: TINY_RUN.epochs,
};

/** Settings of the tiny run to change or add; `undefined` leaves that parameter out of the URL. */
export type TinyRunChanges = Record<string, string | undefined>;

function presetUrl(preset: TinyRunChanges, changes: TinyRunChanges): string {
  const settings: TinyRunChanges = { ...preset, ...changes };
  const params = Object.entries(settings).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return appUrl(Object.fromEntries(params));
}

/** The tiny run's URL with `changes` applied: the one place the tests' run presets come from. */
export function tinyRunUrl(changes: TinyRunChanges = {}): string {
  return presetUrl(TINY_RUN, changes);
}

/** The tiny run's version-2 link with `changes` (by their dotted paths) applied. */
export function tinyRunLink(changes: TinyRunChanges = {}): string {
  return presetUrl(TINY_RUN_V2, changes);
}

/** Opens `url` and waits until the worker runs on `backend`. */
export async function openApp(page: Page, url: string, backend: Backend): Promise<void> {
  await page.goto(url);
  await expectBackend(page, backend);
}

/** Opens the tiny run (with `changes`) and waits until the worker runs on `backend`. */
export async function openTinyRun(
  page: Page,
  changes: TinyRunChanges = {},
  backend: Backend = 'cpu',
): Promise<void> {
  await openApp(page, tinyRunUrl(changes), backend);
}

/**
 * Opens the tiny run on the CPU, trains it from the Train button and waits until its 2D landscape
 * holds only finite values.
 */
export async function trainTinyRun(page: Page, changes: TinyRunChanges = {}): Promise<void> {
  await openTinyRun(page, changes);
  await trainAndWait(page);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
}
