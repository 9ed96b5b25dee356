import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LANDSCAPE_MS, appUrl, control, trainAndWait, trainButton } from './helpers';
import { openApp } from './tiny-run';

/** A small MLP on 100 points of two spirals on the CPU, a 5-point slice and a 3 × 3 grid. */
const SPIRALS_RUN = {
  v: '2',
  backend: 'cpu',
  'train.dataset': 'spirals',
  'train.model': 'mlp',
  'train.toy.trainSize': '100',
  'train.toy.testSize': '50',
  'train.toy.noise': '0.1',
  'train.batchSize': '20',
  'train.epochs': '4',
  'train.lr': '0.1',
  'train.evalSamples': '50',
  'train.sharpnessEvery': '0',
  'landscape.evalSamples': '50',
  'landscape.slicePoints': '5',
  'landscape.gridSize': '3',
};

/** The heatmap's values (predicted class and its probability per grid point), row by row. */
async function boundaryCells(graph: Locator): Promise<number[]> {
  return graph.evaluate((el) => {
    const traces = (el as unknown as { data?: { type?: string; z?: number[][] }[] }).data ?? [];
    return traces.find((t) => t.type === 'heatmap')?.z?.flat() ?? [];
  });
}

function boundaryGraph(page: Page): Locator {
  return page.getByRole('figure', { name: 'Decision boundary' }).locator('.js-plotly-plot');
}

test('an MLP on two spirals: the decision boundary follows the perturbation slider', async ({
  page,
}) => {
  await openApp(page, appUrl(SPIRALS_RUN), 'cpu');
  await expect(control(page, 'Dataset')).toHaveValue('spirals');
  await expect(control(page, 'Training points')).toHaveValue('100');
  await trainAndWait(page);
  await expect(page.getByText('Two spirals: 100 training and 50 test points')).toBeVisible();
  const graph = boundaryGraph(page);
  const summary = page.getByRole('status').filter({ hasText: 'of the plane' });
  await expect(summary).toContainText('At t = 0.000', { timeout: LANDSCAPE_MS });
  await expect.poll(async () => (await boundaryCells(graph)).length).toBe(60 * 60);
  const atW = await boundaryCells(graph);
  expect(atW.every((v) => v >= 0 && v < 1)).toBe(true);
  // The training points are drawn over it: one trace per class, 100 points in all.
  const points = await graph.evaluate((el) =>
    ((el as unknown as { data: { type?: string; x: number[] }[] }).data ?? [])
      .filter((t) => t.type === 'scatter')
      .reduce((n, t) => n + t.x.length, 0),
  );
  expect(points).toBe(100);
  // Plotly keeps the class colours (it silently replaces a colour scale it finds invalid).
  const colors = await graph.evaluate((el) => {
    type Full = { type?: string; colorscale?: [number, string][] };
    const full = (el as unknown as { _fullData: Full[] })._fullData;
    return full.find((t) => t.type === 'heatmap')?.colorscale?.map(([, c]) => c);
  });
  expect(colors).toEqual(['rgb(253, 233, 211)', '#f59322', 'rgb(206, 228, 242)', '#0877bd']);

  const slider = page.getByRole('slider', { name: 'Perturbation t', exact: true });
  await expect(slider).toBeEnabled({ timeout: LANDSCAPE_MS });
  await slider.focus();
  await slider.press('End');
  await expect(summary).toContainText('At t = +1.000');
  await expect.poll(async () => (await boundaryCells(graph)).join()).not.toBe(atW.join());
  const moved = await boundaryCells(graph);
  expect(moved).toHaveLength(60 * 60);
  // Home goes back to the trained weights (t = 0): the trained boundary, value for value.
  await slider.press('Home');
  await expect(summary).toContainText('At t = 0.000');
  await expect.poll(async () => (await boundaryCells(graph)).join()).toBe(atW.join());
});

test('a toy dataset shows its settings and offers only models that take 2-D points', async ({
  page,
}) => {
  await openApp(page, appUrl({ v: '2', backend: 'cpu', 'train.model': 'tiny-cnn' }), 'cpu');
  await expect(control(page, 'Training points')).toHaveCount(0);
  await control(page, 'Dataset').selectOption('xor');
  await expect(control(page, 'Training points')).toBeVisible();
  await expect(control(page, 'Noise')).toBeVisible();
  await expect(control(page, 'Blobs')).toHaveCount(0);
  // The tiny CNN's 3 × 3 convolution cannot take one point: said, and Train is blocked.
  await expect(page.getByText(/This model cannot take XOR inputs/)).toBeVisible();
  await expect(trainButton(page)).toBeDisabled();
  const models = control(page, 'Model').locator('option');
  await control(page, 'Model').selectOption('mlp');
  await expect(models).toHaveText(['MLP']);
  await expect(trainButton(page)).toBeEnabled();
  await control(page, 'Dataset').selectOption('blobs');
  await expect(control(page, 'Blobs')).toBeVisible();
  await expect(page).toHaveURL(/train\.dataset=blobs/);
});
