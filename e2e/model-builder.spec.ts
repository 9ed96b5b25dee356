import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LANDSCAPE_MS,
  expectFinitePlot,
  plotArea,
  plotTraces,
  trainAndWait,
  trainButton,
} from './helpers';
import { openTinyRun } from './tiny-run';

function builder(page: Page): Locator {
  return page.getByRole('region', { name: 'Model builder', exact: true });
}

async function addLayer(panel: Locator, label: string): Promise<void> {
  await panel.getByLabel('New layer', { exact: true }).selectOption({ label });
  await panel.getByRole('button', { name: 'Add layer' }).click();
}

/** Total parameters the builder's table shows, as a number (NaN while it shows none). */
async function totalParams(panel: Locator): Promise<number> {
  const text = await panel.getByRole('cell', { name: 'Total parameters' }).innerText();
  return Number(text.replace(/,/g, ''));
}

test('build a small residual CNN, see Train wait for a valid model, train it and see its slice', async ({
  page,
}) => {
  await openTinyRun(page);
  const panel = builder(page);
  await panel.getByLabel('Model to edit').selectOption({ label: 'Custom layers' });
  // The tiny CNN's six layers before its classifier: remove them all.
  for (let i = 0; i < 6; i++) await panel.getByRole('button', { name: 'Remove layer 1' }).click();

  // A dense layer on an image cannot be built: the builder says why and Train waits.
  await addLayer(panel, 'Dense');
  await expect(panel.getByRole('alert')).toContainText('layer0 (dense) needs a flat input');
  await expect(trainButton(page)).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Train is off' })).toBeVisible();
  await panel.getByRole('button', { name: 'Remove layer 1' }).click();

  // conv(8, 3×3, same) → max pool 2 → residual block (identity) → average pool 2 → classifier.
  await addLayer(panel, 'Conv 2D');
  await panel.getByLabel('Layer 1 filters').fill('4');
  await addLayer(panel, 'Max pool');
  await addLayer(panel, 'Residual block');
  // 8 filters after 4 channels: an identity skip cannot add them.
  await expect(panel.getByRole('alert')).toContainText('identity skip needs 8 input channels');
  await panel.getByLabel('Layer 3 filters').fill('4');
  await addLayer(panel, 'Average pool');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  // conv 3·3·1·4 + 4; block 2·(3·3·4·4) + 2·(4 + 4); classifier 7·7·4·10 + 10.
  await expect.poll(() => totalParams(panel)).toBe(40 + 304 + 1970);
  await expect(panel.getByRole('cell', { name: '[7, 7, 4]' }).first()).toBeVisible();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('custom');
  await expect(page).toHaveURL(/train\.layers=/);

  await trainAndWait(page);
  await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);
  const traces = await plotTraces(plotArea(page, '1D loss slice'));
  const losses = traces.flatMap((t) => t.y);
  expect(losses.length).toBeGreaterThan(0);
  expect(losses.every((y) => Number.isFinite(y))).toBe(true);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
});
