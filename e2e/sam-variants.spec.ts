import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BACKEND_READY_MS, appUrl, parseReadout, plotTraces, trainAndWait } from './helpers';
import { openApp, tinyRunLink } from './tiny-run';

// Second-order SAM on the tiny run (64 images, batch 32, 2 epochs: 4 steps), the update cosine
// measured at every step: steps 1 to 4.
const LINK = tinyRunLink({
  'train.optimizer': 'sam',
  'train.epochs': '2',
  'train.flat.secondOrder': 'true',
  'train.flat.cosineEvery': '1',
});
const PRESET_MS = 12 * 60_000;

const area = (page: Page) =>
  page.getByRole('region', { name: 'SAM: first- vs second-order update', exact: true });

test('second-order SAM: the first/second-order update cosine is plotted, finite', async ({
  page,
}) => {
  await openApp(page, LINK, 'cpu');
  await expect(page.getByLabel('Second order', { exact: true })).toBeChecked();
  await expect(page.getByLabel('SAM cosine every', { exact: true })).toHaveValue('1');
  await trainAndWait(page);
  await expect
    .poll(async () => (await plotTraces(area(page))).map((t) => t.x), { timeout: 60_000 })
    .toEqual([[1, 2, 3, 4]]);
  const [trace] = await plotTraces(area(page));
  expect(trace!.name).toContain('p = 2, trains 2nd order');
  for (const y of trace!.y) {
    expect(Number.isFinite(y)).toBe(true);
    expect(Math.abs(y)).toBeLessThanOrEqual(1);
  }
  // The Hessian term turns the update: not all four cosines are exactly 1.
  expect(trace!.y.some((y) => y < 1)).toBe(true);
  // p = ∞: the controls say the term vanishes.
  await page.getByLabel('SAM ball ‖ε‖_p', { exact: true }).selectOption('inf');
  await expect(page.getByText(/the second-order term vanishes/)).toBeVisible();
});

test('Reproduce: the quick "SAM: first vs second order" preset finishes with its verdict', async ({
  page,
}) => {
  await openApp(page, appUrl({ reproduce: 'quick', backend: 'cpu' }), 'cpu');
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const label = 'Reproduce: SAM: first vs second order (quick test)';
  const button = panel.getByRole('button', { name: label, exact: true });
  await expect(button).toBeEnabled({ timeout: BACKEND_READY_MS });
  await button.click();
  const table = panel.getByRole('table', { name: `${label}, what this run measured` });
  await expect(table).toBeVisible({ timeout: PRESET_MS });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(2);
  const cells = rows.nth(1).getByRole('cell');
  const effect = parseReadout(((await cells.nth(1).textContent()) ?? '').replaceAll('\u2212', '-'));
  expect(Number.isFinite(effect)).toBe(true);
  await expect(cells.nth(4)).toHaveText('2');
  expect(['supported', 'contradicted', 'inconclusive']).toContain(
    (await cells.nth(5).textContent())?.trim(),
  );
  await expect(page.getByText('Reproduction finished')).toBeVisible();
});
