import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LANDSCAPE_MS,
  READOUT_MS,
  TRAINING_MS,
  clickWhenEnabled,
  control,
  expectBackend,
  expectFinitePlot,
  expectFiniteValues,
  parseReadout,
  plotArea,
  plotAxisTitles,
  plotTraces,
  runItems,
  setControl,
  trainButton,
} from './helpers';
import { openTinyRun } from './tiny-run';

// Issues #3 and #4 on WebGPU in one page: SwiftShader compiles every WebGPU pipeline on the CPU,
// and a second page would compile them all again. Each run takes two steps of 16 images (SWA and
// WASAM average once, at the end of epoch 2), metrics and landscape use 16 images per split, the
// slice has the fewest points that show curvature and the grid is 3×3: on 2 shared cores every
// forward pass counts. ?backend=webgpu: the automatic choice skips SwiftShader, and passed off as
// hardware a calibration would find it slower than the CPU backend and train there.
const BATCH = '16';
const TINY = {
  backend: 'webgpu',
  subset: '16',
  batch: BATCH,
  epochs: '2',
  evalSamples: '16',
  slice: '3',
};
// α = −0.5, 0, 0.5, 1, 1.5: both ends and one point beyond each.
const INTERPOLATION_POINTS = '5';
// At most 2 × 3 Hessian-vector products (a shifted second pass follows a negative first
// eigenvalue), each two gradients of 16 images.
const SHARPNESS_MS = 5 * 60_000;
const PERCENT = /\d+(\.\d+)?%/;

/** Starts a run and waits until the worker has stored `count` runs and training has ended. */
async function runUntil(page: Page, button: string, count: number): Promise<void> {
  await clickWhenEnabled(page.getByRole('button', { name: button, exact: true }));
  await expect(runItems(page)).toHaveCount(count, { timeout: TRAINING_MS });
  await expect(trainButton(page)).toBeEnabled({ timeout: TRAINING_MS });
}

/** Every listed run has a finite test accuracy; only SWA and WASAM list their average's. */
async function expectRunMetrics(page: Page, names: string[]): Promise<void> {
  const explore = page.getByRole('button', { name: /^Explore / });
  const labels = await explore.evaluateAll((b) => b.map((e) => e.getAttribute('aria-label')));
  expect(labels.map((l) => l?.replace('Explore ', ''))).toEqual(names);
  for (const [i, name] of names.entries()) {
    const item = runItems(page).nth(i);
    await expect(item, name).toContainText(new RegExp(`Test ${PERCENT.source}`));
    const averaged = name === 'SWA' || name === 'WASAM';
    const average = item.getByText(/^SWA average/);
    if (averaged) await expect(average, name).toHaveText(new RegExp(`${PERCENT.source}$`));
    else await expect(average, name).toHaveCount(0);
  }
}

/** SWA and WASAM draw their averaged model's metrics in the curves, all finite. */
async function expectAveragedCurves(page: Page): Promise<void> {
  const curves = plotArea(page, 'Training curves');
  await expect
    .poll(async () => {
      const traces = await plotTraces(curves);
      return ['SWA', 'WASAM'].map((run) => {
        const t = traces.find((x) => x.name === `${run} · SWA average test accuracy`);
        return t ? t.y.length > 0 && t.y.every(Number.isFinite) : 'missing';
      });
    })
    .toEqual([true, true]);
  const metrics = page.getByRole('table', { name: 'Final metrics: WASAM' });
  await expect(metrics.getByRole('columnheader', { name: 'SWA average' })).toBeVisible();
  await expect(metrics.getByRole('row', { name: /^Test accuracy/ })).toContainText(
    new RegExp(`${PERCENT.source}.*${PERCENT.source}`),
  );
}

/** The axis titles Plotly holds for a plot, once drawn. */
async function expectAxisTitles(area: Locator, expected: Record<string, RegExp>): Promise<void> {
  // toMatchObject compares a RegExp as an object (any string passes): match each title instead.
  const matchers = Object.fromEntries(
    Object.entries(expected).map(([axis, re]) => [axis, expect.stringMatching(re)]),
  );
  await expect.poll(() => plotAxisTitles(area)).toMatchObject(matchers);
}

/** The text in the sharpness table's column `title` of run `run`'s row. */
async function tableValue(page: Page, table: Locator, run: string, title: string): Promise<string> {
  const headers = await table.getByRole('columnheader').allTextContents();
  const column = headers.findIndex((h) => h.trim() === title);
  if (column < 1) return `no column "${title}" in ${headers.join(', ')}`;
  const header = page.getByRole('rowheader', { name: new RegExp(`^${run} `) });
  const row = table.getByRole('row').filter({ has: header });
  // The first column is the run's row header; the others are cells.
  return (
    (await row
      .getByRole('cell')
      .nth(column - 1)
      .textContent()) ?? ''
  );
}

test('WebGPU: each optimizer trains; slice, 3×3 surface, θ(α) and λ_max are finite', async ({
  page,
}) => {
  await openTinyRun(page, TINY, 'webgpu');

  await test.step('compare SGD, SWA, SAM and WASAM', async () => {
    await runUntil(page, 'Compare optimizers', 4);
    await expectRunMetrics(page, ['SGD', 'SWA', 'SAM', 'WASAM']);
    await expectAveragedCurves(page);
    await expectFinitePlot(page, 'Training curves', TRAINING_MS);
  });

  await test.step('1D slice and 3×3 surface of the WASAM average', async () => {
    // Compare ends with WASAM: its averaged weights are what the landscape explores, after the
    // comparison view (slices, λ_max and trace of every run) has run.
    await expect(runItems(page).nth(3)).toHaveAttribute('aria-current', 'true', {
      timeout: LANDSCAPE_MS,
    });
    await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);
    await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
    await expectAxisTitles(plotArea(page, '1D loss slice'), {
      xaxis: /^Perturbation t along random direction/,
      yaxis: /^Loss/,
    });
    await expectAxisTitles(plotArea(page, '2D loss landscape'), { xaxis: /d1/, yaxis: /d2/ });
    const slider = page.getByRole('slider', { name: 'Perturbation t', exact: true });
    const readout = page.getByLabel('Loss at perturbed weights', { exact: true });
    await expect(slider).toBeEnabled({ timeout: LANDSCAPE_MS });
    const before = (await readout.textContent()) ?? '';
    await slider.focus();
    // End moves to the edge of the range, where the loss differs from the minimum's.
    await slider.press('End');
    await expect
      .poll(
        async () => {
          const text = (await readout.textContent()) ?? '';
          return text !== before && Number.isFinite(parseReadout(text)) ? 'finite, changed' : text;
        },
        { message: `readout changes from "${before}"`, timeout: READOUT_MS },
      )
      .toBe('finite, changed');
  });

  await test.step('θ(α) from SGD to the SWA average', async () => {
    const interpolation = page.getByRole('region', { name: 'Interpolation', exact: true });
    await interpolation.getByLabel('Points', { exact: true }).fill(INTERPOLATION_POINTS);
    await interpolation.getByRole('button', { name: 'SGD ↔ SWA', exact: true }).click();
    await expectFiniteValues(interpolation, 'θ(α) from SGD to SWA', LANDSCAPE_MS);
    await expect
      .poll(async () => (await plotTraces(interpolation))[0]?.x.length)
      .toBe(Number(INTERPOLATION_POINTS));
    await expectAxisTitles(interpolation, { xaxis: /^α/, yaxis: /^Loss/ });
  });

  await test.step('λ_max of the WASAM average, alone', async () => {
    const sharpness = page.getByRole('region', { name: 'Sharpness', exact: true });
    await sharpness.getByLabel('Samples', { exact: true }).fill(BATCH);
    // Each product is two gradients: a rough λ_max after a few is all a smoke test needs.
    await sharpness.getByLabel('Power iterations', { exact: true }).fill('3');
    const measures = sharpness.getByRole('group', { name: 'Measures', exact: true });
    for (const name of [
      'Trace',
      'ρ-sharpness',
      'Adaptive ρ-sharpness',
      'Average-case',
      'Adaptive average-case',
    ]) {
      await measures.getByRole('checkbox', { name, exact: true }).uncheck();
    }
    await expect(measures.getByRole('checkbox', { name: 'λ_max', exact: true })).toBeChecked();
    await sharpness.getByRole('button', { name: 'Compute sharpness', exact: true }).click();
    const table = sharpness.getByRole('table', { name: 'Sharpness by run', exact: true });
    await expect(table).toBeVisible({ timeout: SHARPNESS_MS });
    expect(Number.isFinite(parseReadout(await tableValue(page, table, 'WASAM', 'λ_max')))).toBe(
      true,
    );
    // Only λ_max was asked for: the trace was not computed.
    expect(await tableValue(page, table, 'WASAM', 'Trace')).toBe('—');
  });

  // Last, so that only one automatic landscape (Adam's) has to be cancelled by the next run.
  await test.step('Adam, then ASAM', async () => {
    await setControl(page, 'Optimizer', 'adam');
    await runUntil(page, 'Train', 5);
    await setControl(page, 'Optimizer', 'sam');
    await page.getByLabel('Adaptive (ASAM)', { exact: true }).check();
    await expect(control(page, 'SAM radius ρ')).toHaveValue('2');
    await runUntil(page, 'Train', 6);
    // An ASAM run is a SAM run: the second one of that name.
    await expectRunMetrics(page, ['SGD', 'SWA', 'SAM', 'WASAM', 'Adam', 'SAM #2']);
  });

  await expectBackend(page, 'webgpu');
});
