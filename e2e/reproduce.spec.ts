import { expect, test, type Page } from '@playwright/test';
import {
  BACKEND_READY_MS,
  LANDSCAPE_MS,
  TRAINING_MS,
  appUrl,
  expectBackend,
  expectCleanRun,
  parseReadout,
  plotValueStatus,
  watchPage,
} from './helpers';

// The smoke preset (SWA vs SGD on 64 images, 2 epochs, one 7-point slice each) is offered only
// with ?reproduce=smoke; the landscape settings keep the side-by-side grids tiny.
const SMOKE_URL = {
  reproduce: 'smoke',
  evalSamples: '64',
  slice: '5',
  grid: '3',
  model: 'tiny-cnn',
};
const SMOKE_BUTTON = 'Reproduce: SWA vs SGD (smoke test)';
const SMOKE_TABLE = 'Reproduce: SWA vs SGD (smoke test), what this run measured';
const VERDICTS = ['supported', 'not supported', 'inconclusive'];
// Two trainings and two slices on SwiftShader's WebGPU: minutes, more on a loaded machine.
const WEBGPU_PRESET_MS = 15 * 60_000;

/** Runs the smoke preset from its button and checks its table: two judged observations. */
async function runSmokePreset(page: Page, timeout: number): Promise<void> {
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const button = panel.getByRole('button', { name: SMOKE_BUTTON, exact: true });
  await expect(button).toBeEnabled({ timeout: BACKEND_READY_MS });
  await button.click();
  await expect(panel.getByRole('progressbar', { name: 'Reproduce progress' })).toBeVisible();
  const table = panel.getByRole('table', { name: SMOKE_TABLE });
  await expect(table).toBeVisible({ timeout });
  const rows = table.getByRole('row');
  // A header row and one row per observation: wider basin, lower test error.
  await expect(rows).toHaveCount(3);
  for (const i of [1, 2]) {
    const cells = rows.nth(i).getByRole('cell');
    expect(Number.isFinite(parseReadout(await cells.nth(0).textContent()))).toBe(true);
    expect(VERDICTS).toContain((await cells.nth(1).textContent())?.trim());
  }
  await expect(panel.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByText('Reproduction finished')).toBeVisible();
}

test('Reproduce on WebGPU: the smoke preset runs end to end and shows its table', async ({
  page,
  baseURL,
}) => {
  const watched = watchPage(page);
  await page.goto(appUrl(SMOKE_URL));
  await expectBackend(page, 'webgpu');
  const started = Date.now();
  await runSmokePreset(page, WEBGPU_PRESET_MS);
  test.info().annotations.push({
    type: 'timing',
    description: `smoke preset on WebGPU: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  });
  expectCleanRun(watched, baseURL);
});

test('Side by side on the CPU: two runs give two landscapes on one scale and one table', async ({
  page,
  baseURL,
}) => {
  const watched = watchPage(page);
  await page.goto(appUrl({ ...SMOKE_URL, backend: 'cpu' }));
  await expectBackend(page, 'cpu');
  // The preset leaves its SGD and SWA runs in the run list.
  await runSmokePreset(page, TRAINING_MS);
  const runs = page.getByRole('list', { name: 'Runs' }).getByRole('listitem');
  await expect(runs).toHaveCount(2);

  const panel = page.getByRole('region', { name: 'Side by side', exact: true });
  const picker = panel.getByRole('group', { name: 'Runs to compare (2 to 4)' });
  await expect(picker.getByRole('checkbox', { name: 'SGD', exact: true })).toBeChecked();
  await expect(picker.getByRole('checkbox', { name: 'SWA', exact: true })).toBeChecked();
  await panel.getByRole('button', { name: 'Show side by side', exact: true }).click();

  const landscapes = panel.getByRole('figure', { name: /^Landscape of / });
  await expect(landscapes).toHaveCount(2, { timeout: LANDSCAPE_MS });
  for (const name of ['Landscape of SGD', 'Landscape of SWA']) {
    const figure = panel.getByRole('figure', { name, exact: true });
    await expect.poll(() => plotValueStatus(figure), { timeout: LANDSCAPE_MS }).toBe('ok');
  }
  // One colour scale: both contours carry the same zmin and zmax.
  const ranges = await landscapes.evaluateAll((els) =>
    els.map((el) => {
      const trace = (el.querySelector('.js-plotly-plot') as unknown as { data: object[] })
        .data[0] as { zmin?: number; zmax?: number };
      return [trace.zmin, trace.zmax];
    }),
  );
  expect(ranges[0]).toEqual(ranges[1]);
  expect(ranges[0]!.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
  await expect
    .poll(() => plotValueStatus(panel.getByRole('figure', { name: '1D slices side by side' })))
    .toBe('ok');

  const tables = panel.getByRole('table');
  await expect(tables).toHaveCount(1);
  const table = panel.getByRole('table', { name: 'Runs side by side' });
  await expect(table.getByRole('row')).toHaveCount(3);
  // Sharpness not computed yet: a dash and the action to compute it.
  await expect(table.getByRole('row').nth(1).getByRole('cell').nth(4)).toHaveText('—');
  await expect(panel.getByRole('button', { name: 'Compute λ_max and ρ-sharpness' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('side-by-side.png'), fullPage: true });
  expectCleanRun(watched, baseURL);
});
