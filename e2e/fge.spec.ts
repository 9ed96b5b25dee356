import { expect, test } from './fixtures';
import {
  BACKEND_READY_MS,
  TRAINING_MS,
  appUrl,
  expectBackend,
  plotValueStatus,
  trainAndWait,
} from './helpers';
import { openApp, tinyRunLink } from './tiny-run';

const FIGURE = 'Test accuracy of FGE and SWA by snapshots';
const VERDICTS = ['supported', 'contradicted', 'inconclusive'];

test('FGE on the CPU: a tiny run keeps its snapshots and the ensemble plot shows finite values', async ({
  page,
}) => {
  // 64 images in batches of 32 for 3 epochs: 6 steps, cycles of one epoch (2 steps) from step
  // ⌊0.25·6⌋ = 1, so snapshots after steps 2, 4 and 6.
  const url = tinyRunLink({
    'train.optimizer': 'fge',
    'train.epochs': '3',
    'train.flat.swaStart': '0.25',
  });
  await openApp(page, url, 'cpu');
  await trainAndWait(page);
  const panel = page.getByRole('region', { name: 'FGE vs SWA', exact: true });
  await expect(panel.getByLabel('FGE run')).toContainText('3 snapshots');
  const compare = panel.getByRole('button', { name: 'Compare FGE and SWA', exact: true });
  await expect(compare).toBeEnabled({ timeout: TRAINING_MS });
  await compare.click();
  const figure = panel.getByRole('figure', { name: FIGURE, exact: true });
  await expect(figure).toBeVisible({ timeout: TRAINING_MS });
  await expect.poll(() => plotValueStatus(figure), { timeout: TRAINING_MS }).toBe('ok');
  const table = panel.getByRole('table');
  // A header and one row per snapshot: FGE runs k forward passes per image, SWA one.
  await expect(table.getByRole('row')).toHaveCount(4);
  const last = table.getByRole('row').nth(3).getByRole('cell');
  await expect(last.nth(0)).toHaveText('6');
  await expect(last.nth(3)).toHaveText('3');
  await expect(last.nth(4)).toHaveText('1');
  await expect(last.nth(5)).toHaveText(/^\d+\.\d ms$/);
});

test('Reproduce on the CPU: the quick SGD vs FGE vs SWA preset finishes with three verdicts', async ({
  page,
}) => {
  await page.goto(appUrl({ reproduce: 'quick', backend: 'cpu' }));
  await expectBackend(page, 'cpu');
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const button = panel.getByRole('button', {
    name: 'Reproduce: SGD vs FGE vs SWA (quick test)',
    exact: true,
  });
  await expect(button).toBeEnabled({ timeout: BACKEND_READY_MS });
  await button.click();
  const table = panel.getByRole('table', {
    name: 'Reproduce: SGD vs FGE vs SWA (quick test), what this run measured',
  });
  await expect(table).toBeVisible({ timeout: 4 * TRAINING_MS });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(4);
  for (const i of [1, 2, 3]) {
    const cells = rows.nth(i).getByRole('cell');
    expect(VERDICTS).toContain((await cells.nth(5).textContent())?.trim());
  }
  await expect(page.getByText('Reproduction finished')).toBeVisible();
});
