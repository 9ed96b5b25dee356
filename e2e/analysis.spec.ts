import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LANDSCAPE_MS,
  clickWhenEnabled,
  expectFinitePlot,
  parseReadout,
  plotValueStatus,
} from './helpers';
import { trainTinyRun } from './tiny-run';

// The tiniest run that still has a trajectory: two epochs for PCA.
const ANALYSIS_RUN = { epochs: '2' };
// Hessian power iteration and 100 Hutchinson probes on the CPU backend take a while.
const SHARPNESS_MS = 8 * 60_000;

/** The number in the table's column `title` of its first run. */
async function firstRowValue(table: Locator, title: string): Promise<number> {
  const headers = await table.getByRole('columnheader').allTextContents();
  const column = headers.findIndex((h) => h.trim() === title);
  if (column < 1) return Number.NaN;
  // The first column is the run's row header; the others are cells.
  const cell = table
    .getByRole('row')
    .nth(1)
    .getByRole('cell')
    .nth(column - 1);
  return parseReadout(await cell.textContent());
}

test('analysis: θ(α) interpolation, sharpness table and PCA directions', async ({ page }) => {
  await trainTinyRun(page, ANALYSIS_RUN);

  const interpolation = page.getByRole('region', { name: 'Interpolation', exact: true });
  await clickWhenEnabled(interpolation.getByRole('button', { name: 'Initial → final' }));
  await expect
    .poll(() => plotValueStatus(interpolation), {
      message: 'Interpolation has finite values',
      timeout: LANDSCAPE_MS,
    })
    .toBe('ok');

  // A long interpolation stops on Cancel and says so.
  await interpolation.getByLabel('Points', { exact: true }).fill('201');
  await interpolation.getByRole('button', { name: 'Interpolate', exact: true }).click();
  await interpolation.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(interpolation.getByRole('alert')).toHaveText('Interpolation cancelled.', {
    timeout: LANDSCAPE_MS,
  });

  const sharpness = page.getByRole('region', { name: 'Sharpness', exact: true });
  await sharpness.getByLabel('Samples', { exact: true }).fill('16');
  await sharpness.getByRole('button', { name: 'Compute sharpness' }).click();
  const table = sharpness.getByRole('table', { name: 'Sharpness by run' });
  await expect(table).toBeVisible({ timeout: SHARPNESS_MS });
  expect(Number.isFinite(await firstRowValue(table, 'λ_max'))).toBe(true);

  const directions = page.getByRole('region', { name: 'Directions', exact: true });
  await directions.getByLabel('Direction 1 (d₁)', { exact: true }).selectOption('pca');
  await expect(directions.getByLabel('Direction 2 (d₂)', { exact: true })).toHaveValue('pca');
  await directions.getByRole('button', { name: 'Recompute landscape' }).click();
  const landscape = page.getByRole('region', { name: '2D loss landscape', exact: true });
  await expect(landscape.locator('.xtitle')).toContainText('PC1', { timeout: LANDSCAPE_MS });
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
  await page.screenshot({ path: test.info().outputPath('analysis.png'), fullPage: true });
});
