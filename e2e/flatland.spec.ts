import { expect, test } from './fixtures';
import {
  CONTROL_LABELS,
  PLOT_NAMES,
  TRAINING_MS,
  control,
  expectFinitePlot,
  hasVisibleLabel,
  plotArea,
  trainAndWait,
  trainButton,
} from './helpers';
import { TINY_CONTROLS, openTinyRun } from './tiny-run';

test('every control and plot is reachable by its accessible name', async ({ page }) => {
  await page.goto('/');
  for (const label of CONTROL_LABELS) {
    const field = control(page, label);
    await expect(field, `control "${label}"`).toBeVisible();
    // A visible label, not only an aria-label: sighted users need to read it too.
    expect(await hasVisibleLabel(field, label), `visible label "${label}"`).toBe(true);
  }
  await expect(trainButton(page)).toBeVisible();
  for (const name of PLOT_NAMES) await expect(plotArea(page, name)).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Perturbation t', exact: true })).toBeVisible();
});

// Training, curves, slice, landscape and the probe slider on WebGPU (the app picking it by itself)
// are checked in e2e/webgpu-analysis.spec.ts, on the same page as every optimizer and analysis.

test('WebGL: ?backend=webgl trains the same tiny config', async ({ page }) => {
  // Here the whole config comes from the URL, so the presets are exercised too.
  await openTinyRun(page, { backend: 'webgl', grid: '5', slice: '11' }, 'webgl');
  for (const [label, value] of Object.entries(TINY_CONTROLS)) {
    await expect(control(page, label), `${label} preset from URL`).toHaveValue(value);
  }

  await trainAndWait(page);
  await expectFinitePlot(page, 'Training curves', TRAINING_MS);
});
