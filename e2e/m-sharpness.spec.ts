import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  BACKEND_READY_MS,
  TRAINING_MS,
  appUrl,
  expectBackend,
  parseReadout,
  trainAndWait,
} from './helpers';
import { openApp, tinyRunLink } from './tiny-run';

const SHARPNESS_MS = 4 * 60_000;
const VERDICTS = ['supported', 'contradicted', 'inconclusive'];

/** The first row's cell under `title` (the first column is the run's row header). */
async function firstRowCell(table: Locator, title: string): Promise<string> {
  const headers = await table.getByRole('columnheader').allTextContents();
  const column = headers.findIndex((h) => h.trim() === title);
  expect(column, headers.join(' | ')).toBeGreaterThan(0);
  const cell = table
    .getByRole('row')
    .nth(1)
    .getByRole('cell')
    .nth(column - 1);
  return (await cell.textContent()) ?? '';
}

test('m-SAM trains on the CPU and the Sharpness panel shows its finite m-sharpness', async ({
  page,
}) => {
  // Batch 32 cut into four sub-batches of 8: ε per sub-batch (Foret et al. §4.1).
  await openApp(page, tinyRunLink({ 'train.optimizer': 'sam', 'train.flat.m': '8' }), 'cpu');
  await expect(page.getByLabel('SAM sub-batch m', { exact: true })).toHaveValue('8');
  await trainAndWait(page, TRAINING_MS);

  const panel = page.getByRole('region', { name: 'Sharpness', exact: true });
  await panel.getByLabel('Samples', { exact: true }).fill('16');
  await panel.getByLabel('m (m-sharpness)', { exact: true }).fill('8');
  const measures = panel.getByRole('group', { name: 'Measures' });
  // Only the m-sharpness, which a fresh page leaves unticked: the other measures are not this test's.
  for (const name of [
    'λ_max',
    'Trace',
    'ρ-sharpness',
    'Adaptive ρ-sharpness',
    'Average-case',
    'Adaptive average-case',
  ])
    await measures.getByRole('checkbox', { name, exact: true }).uncheck();
  await measures.getByRole('checkbox', { name: 'm-sharpness', exact: true }).check();
  await panel.getByRole('button', { name: 'Compute sharpness' }).click();
  const table = panel.getByRole('table', { name: 'Sharpness by run' });
  await expect(table).toBeVisible({ timeout: SHARPNESS_MS });
  const text = await firstRowCell(table, 'm-sharpness');
  // "0.0123 ± 0.0011 (m = 8, 2 sets)": 16 samples make two disjoint sets of 8.
  expect(text).toMatch(/\(m = 8, 2 sets\)$/);
  expect(Number.isFinite(parseReadout(text.split(' ')[0]!))).toBe(true);
  expect(await firstRowCell(table, 'λ_max')).toBe('—');
});

test('Reproduce: the quick m-sharpness sweep finishes with a verdict for each claim', async ({
  page,
}) => {
  await page.goto(appUrl({ reproduce: 'quick', backend: 'cpu', evalSamples: '64' }));
  await expectBackend(page, 'cpu');
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const button = panel.getByRole('button', {
    name: 'Reproduce: m-sharpness: sweep m (quick test)',
    exact: true,
  });
  await expect(button).toBeEnabled({ timeout: BACKEND_READY_MS });
  await button.click();
  const table = panel.getByRole('table', {
    name: 'Reproduce: m-sharpness: sweep m (quick test), what this run measured',
  });
  await expect(table).toBeVisible({ timeout: TRAINING_MS });
  const rows = table.getByRole('row');
  // A header and three observations: two on test error, one on m-sharpness.
  await expect(rows).toHaveCount(4);
  for (const i of [1, 2, 3]) {
    const verdict = (await rows.nth(i).getByRole('cell').last().textContent())?.trim();
    expect(VERDICTS).toContain(verdict);
  }
  await expect(page.getByText('Reproduction finished')).toBeVisible();
});
