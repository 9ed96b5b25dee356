import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LANDSCAPE_MS, expectFinitePlot, plotArea, plotTraces } from './helpers';
import { trainTinyRun } from './tiny-run';

// The tiny run with half the labels noisy. The metric sample (32 of the 64 images) is smaller
// than the subset, so the slice has to use the very same seeded sample as the reported train
// loss, not just all of the subset.
const NOISY_RUN = { evalSamples: '32', labelNoise: '0.5' };

/** The last epoch's reported train loss, as the training curves hold it. */
async function reportedTrainLoss(page: Page): Promise<number> {
  const traces = await plotTraces(plotArea(page, 'Training curves'));
  const epoch = traces.find((t) => t.name.endsWith('· train loss') && !t.name.includes('SWA'));
  return epoch?.y.at(-1) ?? Number.NaN;
}

/** The 1D slice panel's note on its training labels (the clip note is a note too). */
function labelsNote(page: Page) {
  return plotArea(page, '1D loss slice').getByRole('note').filter({ hasText: 'labels' });
}

/** L(w) at t = 0 of the 1D slice on screen. */
async function sliceCentre(page: Page): Promise<number> {
  const traces = await plotTraces(plotArea(page, '1D loss slice'));
  const train = traces.find((t) => t.name === 'Train loss');
  const i = train?.x.findIndex((t) => Math.abs(t) < 1e-9) ?? -1;
  return i < 0 ? Number.NaN : train!.y[i]!;
}

test('label noise: the slice centre is the reported train loss; clean labels are labelled', async ({
  page,
}) => {
  await trainTinyRun(page, NOISY_RUN);

  const reported = await reportedTrainLoss(page);
  const centre = await sliceCentre(page);
  console.log(`reported train loss ${reported}, slice centre ${centre}`);
  expect(Number.isFinite(reported)).toBe(true);
  expect(Math.abs(centre - reported)).toBeLessThan(1e-5 * Math.max(1, reported));
  await expect(labelsNote(page)).toHaveText(
    'Train loss on the labels the run trained on (50% label noise included).',
  );

  // The clean labels on request: another loss at the same weights, and the plots say so.
  const directions = page.getByRole('region', { name: 'Directions', exact: true });
  await directions.getByLabel('Training labels').selectOption({ label: 'Clean labels' });
  await directions.getByRole('button', { name: 'Recompute landscape' }).click();
  await expect(labelsNote(page)).toContainText('Train loss on clean labels', {
    timeout: LANDSCAPE_MS,
  });
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
  await expect.poll(() => sliceCentre(page), { timeout: LANDSCAPE_MS }).not.toBeNaN();
  const clean = await sliceCentre(page);
  console.log(`slice centre on clean labels ${clean}`);
  expect(Math.abs(clean - reported)).toBeGreaterThan(0.01);
  expect(page.url()).toContain('landscape.labels=clean');
});
