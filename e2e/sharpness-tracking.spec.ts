import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { plotAxisTitles, plotTraces, runItems, startCompare, type PlotTrace } from './helpers';
import { openApp, tinyRunLink } from './tiny-run';

// A version-2 link: CPU backend, two steps per epoch (64 images, batch 32) for two epochs, λ_max
// after every second step (steps 0, 2 and 4), plain SGD (momentum 0) at lr 0.05: threshold 2/η = 40.
const LINK = tinyRunLink({
  'train.epochs': '2',
  'train.momentum': '0',
  'train.lr': '0.05',
  'train.sharpnessEvery': '2',
});
const COMPARE_MS = 12 * 60_000;

const area = (page: Page) =>
  page.getByRole('region', { name: 'Sharpness during training', exact: true });
const traces = (page: Page) => plotTraces(area(page));
const lambdas = (all: PlotTrace[]) => all.filter((t) => t.name.endsWith(' · λ_max'));

test('Compare optimizers: λ_max during training for every run, with the 2/η line', async ({
  page,
}) => {
  await openApp(page, LINK, 'cpu');
  await expect(page.getByLabel('λ_max every', { exact: true })).toHaveValue('2');
  await startCompare(page);
  await expect(runItems(page)).toHaveCount(4, { timeout: COMPARE_MS });

  // One curve per run, in the order trained, each measured at steps 0, 2 and 4, all finite.
  await expect
    .poll(async () => lambdas(await traces(page)).map((t) => [t.name, t.x]), {
      timeout: 60_000,
    })
    .toEqual(['SGD', 'SWA', 'SAM', 'WASAM'].map((n) => [`${n} · λ_max`, [0, 2, 4]]));
  const all = await traces(page);
  for (const t of lambdas(all)) {
    expect(t.y.every((y) => Number.isFinite(y) && y > 0)).toBe(true);
  }
  // Each run keeps its colour, distinct from the others.
  expect(new Set(lambdas(all).map((t) => t.color)).size).toBe(4);

  // SGD's threshold: 2/η at its constant lr 0.05, from step 0 to its last step.
  const sgdLine = all.find((t) => t.name.startsWith('2/η (') && t.name.includes('SGD'));
  expect(sgdLine, all.map((t) => t.name).join(' | ')).toBeDefined();
  expect(sgdLine!.x).toEqual([0, 4]);
  sgdLine!.y.forEach((y) => expect(y).toBeCloseTo(40, 6));

  expect(await plotAxisTitles(area(page))).toMatchObject({
    xaxis: 'Step',
    yaxis: 'λ_max of the training loss',
  });
  await area(page).getByLabel('Log scale', { exact: true }).check();
  await expect
    .poll(() => plotAxisTitles(area(page)))
    .toMatchObject({ yaxis: 'λ_max of the training loss (log scale)' });
});
