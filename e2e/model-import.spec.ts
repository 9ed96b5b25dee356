import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { appUrl, expectBackend, expectFinitePlot, LANDSCAPE_MS, runItems } from './helpers';
import { TINY_RUN_V2 } from './tiny-run';

/** Whether the page's IndexedDB holds the saved run `id` (its metadata record). */
function isSaved(page: Page, id: string) {
  return page.evaluate(
    (key) =>
      new Promise<boolean>((resolve, reject) => {
        const open = indexedDB.open('flatland');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) return resolve(false);
          const get = db.transaction('runs').objectStore('runs').get(key);
          get.onsuccess = () => resolve(get.result !== undefined);
          get.onerror = () => reject(get.error);
        };
      }),
    `meta:${id}`,
  );
}

// Saved by TF.js itself (model.save in Node: scripts/make-layers-model-fixtures.mjs).
const fixture = (name: string) =>
  ['model.json', 'weights.bin'].map((f) => `test/fixtures/layers-model/${name}/${f}`);

test('a TF.js LayersModel imports as a run with a finite 1D slice; unsupported layers are named', async ({
  page,
}) => {
  // The tiny run's subset, metric samples and 5-point slice: what the import is measured on.
  await page.goto(appUrl(TINY_RUN_V2));
  await expectBackend(page, 'cpu');
  const input = page.getByLabel('Import a TF.js model', { exact: true });
  const result = page.getByRole('status', { name: 'Model import result' });
  await expect(
    page.getByRole('combobox', { name: 'Dataset it was trained on', exact: true }),
  ).toHaveValue('mnist');

  await input.setInputFiles(fixture('unsupported'));
  await expect(result).toContainText(
    "Unsupported layers: strided_conv (Conv2D: strides 2×2 (stride 1 only)); sigmoid_head (Dense: activation 'sigmoid')",
    { timeout: LANDSCAPE_MS },
  );
  await expect(runItems(page)).toHaveCount(0);

  // A CNN with BatchNorm on MNIST-shaped inputs, ending in a softmax.
  await input.setInputFiles(fixture('mnist-cnn'));
  await expect(result).toContainText('Imported "Imported model": test accuracy', {
    timeout: LANDSCAPE_MS,
  });
  await expect(runItems(page)).toHaveCount(1);
  await expect(runItems(page).first()).toContainText('Imported model: no training history');
  await page.getByRole('button', { name: 'Explore Imported model', exact: true }).click();
  await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);

  // Saved like any run, it comes back after a reload without any checkpoint to restore.
  await expect.poll(() => isSaved(page, 'run-1'), { timeout: LANDSCAPE_MS }).toBe(true);
  await page.reload();
  await expect(runItems(page)).toHaveCount(1, { timeout: LANDSCAPE_MS });
  await expect(runItems(page).first()).toContainText('Imported model: no training history');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
