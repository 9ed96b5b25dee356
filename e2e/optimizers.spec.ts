import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LANDSCAPE_MS,
  control,
  expectFinitePlot,
  plotArea,
  plotTraces,
  runItems,
  setControl,
  startCompare,
  trainAndWait,
  trainButton,
} from './helpers';
import { openTinyRun } from './tiny-run';

// The tiny run for two epochs: four steps per run (64 images, batch 32) keep a four-run
// comparison to seconds; SWA starts at 75% of the budget, i.e. at the end of epoch 2 (step 4).
const TINY = { epochs: '2' };
const RUN_MS = 3 * 60_000;

/** The traces Plotly holds for the training curves. */
const curveTraces = (page: Page) => plotTraces(plotArea(page, 'Training curves'));

test('SWA: its own fields with paper defaults, the SWA-start marker and averaged metrics', async ({
  page,
}) => {
  await openTinyRun(page, TINY);
  // SAM first: ρ is SAM's 0.05 until ASAM is switched on, then ASAM's 2 (it was not edited).
  await setControl(page, 'Optimizer', 'sam');
  await expect(control(page, 'SAM radius ρ')).toHaveValue('0.05');
  await expect(control(page, 'SWA start')).toHaveCount(0);
  await page.getByLabel('Adaptive (ASAM)', { exact: true }).check();
  await expect(control(page, 'SAM radius ρ')).toHaveValue('2');
  await page.getByLabel('Adaptive (ASAM)', { exact: true }).uncheck();

  await setControl(page, 'Optimizer', 'swa');
  await expect(page.getByLabel('SAM radius ρ', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Adaptive (ASAM)', { exact: true })).toHaveCount(0);
  await expect(control(page, 'Base optimizer')).toHaveValue('sgd');
  await expect(control(page, 'SWA start')).toHaveValue('0.75');
  await expect(control(page, 'SWA learning rate')).toHaveValue('0.025');
  await expect(control(page, 'Averaging')).toHaveValue('epoch');
  await expect(control(page, 'LR schedule')).toHaveValue('swa_linear');

  // The tip is announced with the field and shown on keyboard focus of its (i) button.
  await expect(control(page, 'SWA start')).toHaveAccessibleDescription(/Izmailov et al\. 2018/);
  await page.getByRole('button', { name: 'About SWA start', exact: true }).focus();
  await expect(page.getByRole('tooltip')).toContainText('Fraction of the step budget');

  // An invalid value is flagged inline and blocks Train until fixed.
  await control(page, 'SWA start').fill('1.5');
  await expect(control(page, 'SWA start')).toHaveAttribute('aria-invalid', 'true');
  await expect(control(page, 'SWA start')).toHaveAccessibleDescription(/Enter a number from 0/);
  await expect(trainButton(page)).toBeDisabled();
  await setControl(page, 'SWA start', '0.75');

  await trainAndWait(page, RUN_MS);

  await expect
    .poll(async () => {
      const traces = await curveTraces(page);
      const marker = traces.find((t) => t.name === 'SWA · SWA starts');
      const averaged = traces.find((t) => t.name === 'SWA · SWA average test accuracy');
      // The learning-rate trace is also the run's legend entry, named after the run.
      const lr = traces.find((t) => t.legend && t.name === 'SWA');
      return {
        marker: marker?.x,
        averaged: averaged?.y.every(Number.isFinite) && averaged.y.length,
        lrPoints: lr?.y.length,
      };
    })
    .toEqual({ marker: [4, 4], averaged: 1, lrPoints: 4 });

  const metrics = page.getByRole('table', { name: 'Final metrics: SWA' });
  await expect(metrics.getByRole('columnheader', { name: 'SWA average' })).toBeVisible();
  await expect(metrics.getByRole('row', { name: /^Test accuracy \d/ })).toContainText(/%.*%/);
  await expect(runItems(page)).toHaveCount(1);
  await expect(runItems(page).first()).toContainText(/SWA.*Test \d+\.\d%.*SWA average \d+\.\d%/);
});

test('Compare optimizers: four runs in their colours, explored and deleted from the list', async ({
  page,
}) => {
  await openTinyRun(page, TINY);
  await startCompare(page);

  await expect(runItems(page)).toHaveCount(4, { timeout: 4 * RUN_MS });
  await expect(trainButton(page)).toBeEnabled({ timeout: RUN_MS });
  const explore = page.getByRole('button', { name: /^Explore / });
  const names = (await explore.evaluateAll((b) => b.map((e) => e.getAttribute('aria-label')))).map(
    (label) => label?.replace('Explore ', ''),
  );
  expect(names).toEqual(['SGD', 'SWA', 'SAM', 'WASAM']);
  // The last run's solution is what the landscape shows, once the comparison view (which comes
  // first) has measured every run.
  await expect(runItems(page).nth(3)).toHaveAttribute('aria-current', 'true', {
    timeout: LANDSCAPE_MS,
  });
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);

  // One legend entry per run, in the colour of its swatch in the list.
  const swatches = await runItems(page).evaluateAll((items) =>
    items.map((li) => getComputedStyle(li.querySelector('[aria-hidden="true"]')!).backgroundColor),
  );
  const legend = (await curveTraces(page)).filter((t) => t.legend);
  expect(legend.map((t) => t.name)).toEqual(['SGD', 'SWA', 'SAM', 'WASAM']);
  const rgb = (hex = '') =>
    `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  expect(legend.map((t) => rgb(t.color))).toEqual(swatches);
  expect(new Set(swatches).size).toBe(4);

  await page.getByRole('button', { name: 'Explore SGD', exact: true }).click();
  await expect(runItems(page).first()).toHaveAttribute('aria-current', 'true');
  await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);
  await expect(page.getByRole('slider', { name: 'Perturbation t' })).toBeEnabled({
    timeout: LANDSCAPE_MS,
  });

  await page.getByRole('button', { name: 'Delete SAM', exact: true }).click();
  await expect(runItems(page)).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Explore SAM', exact: true })).toHaveCount(0);
});
