import { expect, test } from './fixtures';
import {
  BACKEND_READY_MS,
  LANDSCAPE_MS,
  TRAINING_MS,
  appUrl,
  expectBackend,
  expectFinitePlot,
  parseReadout,
  plotValueStatus,
  setControl,
  trainAndWait,
} from './helpers';
import { trainTinyRun } from './tiny-run';

const VERDICTS = ['supported', 'contradicted', 'inconclusive'];

test('Mode connectivity: two tiny CPU runs are connected; both plots hold finite values', async ({
  page,
}) => {
  await trainTinyRun(page, { seed: '1' });
  await setControl(page, 'Seed', '2');
  await trainAndWait(page);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);

  const panel = page.getByRole('region', { name: 'Mode connectivity', exact: true });
  const runs = panel.getByLabel('A run', { exact: true });
  const names = await runs.locator('option').allTextContents();
  // The placeholder and the two runs.
  expect(names).toHaveLength(3);
  await runs.selectOption({ label: names[1]! });
  await panel.getByLabel('B run', { exact: true }).selectOption({ label: names[2]! });
  for (const [label, value] of [
    ['Curve epochs', '1'],
    ['Curve batch size', '16'],
    ['Points along t', '5'],
    ['Plane grid', '3'],
  ] as const) {
    const field = panel.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Tab');
  }
  await panel.getByRole('button', { name: 'Connect', exact: true }).click();

  const along = panel.getByRole('figure', { name: 'Loss along the line and the curve' });
  const plane = panel.getByRole('figure', { name: 'The plane through w₁, θ and w₂' });
  await expect(along).toBeVisible({ timeout: LANDSCAPE_MS });
  await expect.poll(() => plotValueStatus(along), { timeout: LANDSCAPE_MS }).toBe('ok');
  await expect.poll(() => plotValueStatus(plane), { timeout: LANDSCAPE_MS }).toBe('ok');
  // Four barriers, each finite and at least 0 (the max includes the ends, where it is 0).
  const barriers = await panel.getByLabel('Barriers').locator('output').allTextContents();
  expect(barriers).toHaveLength(4);
  for (const b of barriers) expect(parseReadout(b)).toBeGreaterThanOrEqual(0);
});

test('Reproduce: the quick mode-connectivity preset finishes with verdicts', async ({ page }) => {
  await page.goto(appUrl({ reproduce: 'quick', backend: 'cpu', evalSamples: '64' }));
  await expectBackend(page, 'cpu');
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const button = panel.getByRole('button', {
    name: 'Reproduce: Mode connectivity (quick test)',
    exact: true,
  });
  await expect(button).toBeEnabled({ timeout: BACKEND_READY_MS });
  await button.click();
  const table = panel.getByRole('table', {
    name: 'Reproduce: Mode connectivity (quick test), what this run measured',
  });
  await expect(table).toBeVisible({ timeout: TRAINING_MS });
  const rows = table.getByRole('row');
  // A header and the two claims: a barrier on the line, none on the curve.
  await expect(rows).toHaveCount(3);
  for (const i of [1, 2]) {
    const cells = rows.nth(i).getByRole('cell');
    await expect(cells.nth(4)).toHaveText('2');
    expect(VERDICTS).toContain((await cells.nth(5).textContent())?.trim());
  }
  await expect(page.getByText('Reproduction finished')).toBeVisible();
});
