import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  BACKEND_READY_MS,
  LANDSCAPE_MS,
  TRAINING_MS,
  appUrl,
  expectBackend,
  parseReadout,
  plotValueStatus,
} from './helpers';

// The quick presets (the full ones' claims on 64 images, 2 epochs, 2 paired seeds, one 5-point
// slice each) are offered only with ?reproduce=quick; the landscape settings keep the
// side-by-side grids tiny.
const SMOKE_URL = {
  reproduce: 'quick',
  evalSamples: '64',
  slice: '5',
  grid: '3',
  model: 'tiny-cnn',
};
const SMOKE_BUTTON = 'Reproduce: SWA vs SGD (quick test)';
const SMOKE_TABLE = 'Reproduce: SWA vs SGD (quick test), what this run measured';
const VERDICTS = ['supported', 'contradicted', 'inconclusive'];
const CLAIM_HEADERS = [
  'Observation',
  'Measured',
  'Effect',
  '95% CI',
  'Sign test p',
  'n',
  'Verdict',
];
/** The table writes effects with a true minus sign (U+2212). */
const signed = (text: string | null) => parseReadout((text ?? '').replaceAll('\u2212', '-'));
// Two trainings and two slices on SwiftShader's WebGPU: minutes, more on a loaded machine.
const WEBGPU_PRESET_MS = 15 * 60_000;

/**
 * Runs the quick SWA preset from its button and checks its table: two observations, each with a
 * finite mean effect, a 95% interval around it, a sign-test p over the 2 seeds and a verdict.
 */
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
  await expect(rows.nth(0).getByRole('columnheader')).toHaveText(CLAIM_HEADERS);
  for (const i of [1, 2]) {
    const cells = rows.nth(i).getByRole('cell');
    const effect = signed(await cells.nth(1).textContent());
    expect(Number.isFinite(effect)).toBe(true);
    // "[low … high]": two finite bounds around the mean effect.
    const bounds = ((await cells.nth(2).textContent()) ?? '').split('…').map(signed);
    expect(bounds).toHaveLength(2);
    expect(bounds[0]!).toBeLessThanOrEqual(effect);
    expect(bounds[1]!).toBeGreaterThanOrEqual(effect);
    // Two seeds: the sign test's p is 0.5 or 1, whatever the effects.
    expect(['0.5', '1']).toContain((await cells.nth(3).textContent())?.trim());
    await expect(cells.nth(4)).toHaveText('2');
    expect(VERDICTS).toContain((await cells.nth(5).textContent())?.trim());
  }
  await expect(page.getByText(/cannot reach p < 0\.05/)).toBeVisible();
  await expect(panel.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByText('Reproduction finished')).toBeVisible();
}

test('Reproduce on WebGPU: the quick SWA preset runs end to end and shows its statistics', async ({
  page,
}) => {
  // Forced: this machine's WebGPU is SwiftShader, which the automatic choice skips (and, passed
  // off as hardware, a calibration would find slower than the CPU backend).
  await page.goto(appUrl({ ...SMOKE_URL, backend: 'webgpu' }));
  await expectBackend(page, 'webgpu');
  const started = Date.now();
  await runSmokePreset(page, WEBGPU_PRESET_MS);
  test.info().annotations.push({
    type: 'timing',
    description: `quick SWA preset on WebGPU: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  });
});

test('Side by side on the CPU: two runs give two landscapes on one scale and one table', async ({
  page,
}) => {
  await page.goto(appUrl({ ...SMOKE_URL, backend: 'cpu' }));
  await expectBackend(page, 'cpu');
  // The preset leaves its SGD and SWA runs of both seeds in the run list.
  await runSmokePreset(page, TRAINING_MS);
  const runs = page.getByRole('list', { name: 'Runs' }).getByRole('listitem');
  await expect(runs).toHaveCount(4);

  const panel = page.getByRole('region', { name: 'Side by side', exact: true });
  const picker = panel.getByRole('group', { name: 'Runs to compare (2 to 4)' });
  // The first seed's pair only: two landscapes keep the test short.
  for (const name of ['SGD #2', 'SWA #2'])
    await picker.getByRole('checkbox', { name, exact: true }).uncheck();
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
});
