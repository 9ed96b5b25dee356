import { expect, test } from './fixtures';
import { appUrl, expectBackend, expectFinitePlot, LANDSCAPE_MS, runItems } from './helpers';
import { TINY_RUN_V2 } from './tiny-run';

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
});
