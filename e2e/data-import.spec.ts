import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LANDSCAPE_MS, appUrl, control, expectFinitePlot, trainAndWait } from './helpers';
import { openApp } from './tiny-run';

/** uint8 4×4×1 images of 3 classes, 12 for training and 5 for testing, as numpy wrote them. */
const IMAGES_NPZ = 'test/fixtures/import/images.npz';

/** An MLP, batches of 4 for one epoch, metrics and a 5-point slice on at most 10 samples. */
const SMALL_RUN = {
  v: '3',
  backend: 'cpu',
  'train.model': 'mlp',
  'train.batchSize': '4',
  'train.epochs': '1',
  'train.evalSamples': '10',
  'train.sharpnessEvery': '0',
  'landscape.evalSamples': '10',
  'landscape.slicePoints': '5',
  'landscape.gridSize': '3',
};

/** A CSV whose second sample holds NaN: the import must refuse it. */
const BAD_CSV = {
  name: 'bad.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from('a,b,label\n1,2,0\n3,NaN,1\n4,5,0\n6,7,1\n8,9,0\n'),
};

const fileInput = (page: Page) => page.getByLabel('Import data', { exact: true });
const datasets = (page: Page) =>
  page.getByRole('list', { name: 'Imported datasets' }).getByRole('listitem');

test('import a dataset, train on it and slice its landscape; a bad file changes nothing', async ({
  page,
}) => {
  await openApp(page, appUrl(SMALL_RUN), 'cpu');
  await expect(page.getByText(/At most 70,000 samples, 12,288 values per sample/)).toBeVisible();
  await expect(page.getByText('No imported datasets yet.')).toBeVisible();

  await fileInput(page).setInputFiles(BAD_CSV);
  await expect(page.getByRole('alert')).toContainText(
    'Not imported: bad.csv, data row 2, column 2: "NaN" is not a number',
  );
  await expect(page.getByText('No imported datasets yet.')).toBeVisible();
  await expect(control(page, 'Dataset')).toHaveValue('mnist');

  await fileInput(page).setInputFiles(IMAGES_NPZ);
  await expect(page.getByRole('status').filter({ hasText: 'Imported images.' })).toBeVisible();
  await expect(datasets(page)).toHaveCount(1);
  await expect(datasets(page)).toContainText('4×4×1 images · 3 classes · 12 train / 5 test');
  await expect(control(page, 'Dataset')).toHaveValue('imported');
  await expect(page).toHaveURL(/train\.imported=/);

  // A bad file now: the alert says why, and the list and the chosen dataset stay as they were.
  await fileInput(page).setInputFiles(BAD_CSV);
  await expect(page.getByRole('alert')).toContainText(
    'Not imported: bad.csv, data row 2, column 2: "NaN" is not a number',
  );
  await expect(datasets(page)).toHaveCount(1);
  await expect(control(page, 'Dataset')).toHaveValue('imported');

  await trainAndWait(page);
  await expect(page.getByText('Imported data: 12 training and 5 test samples')).toBeVisible();
  await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);

  // The data outlives the page; once deleted, the settings that name it say to import it first.
  await page.reload();
  await expect(datasets(page)).toHaveCount(1);
  await expect(control(page, 'Dataset')).toHaveValue('imported');
  await page.getByRole('button', { name: 'Delete images' }).click();
  await expect(page.getByText('No imported datasets yet.')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Import images first');
});
