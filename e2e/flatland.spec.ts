import { expect, test } from '@playwright/test';
import {
  CONTROL_LABELS,
  LANDSCAPE_MS,
  PLOT_NAMES,
  READOUT_MS,
  TINY_CONTROLS,
  TINY_URL_PARAMS,
  TRAINING_MS,
  appUrl,
  control,
  expectBackend,
  expectFinitePlot,
  expectCleanRun,
  hasVisibleLabel,
  parseReadout,
  plotArea,
  setControl,
  trainAndWait,
  watchPage,
} from './helpers';

test('every control and plot is reachable by its accessible name', async ({ page, baseURL }) => {
  const watched = watchPage(page);
  await page.goto('/');
  for (const label of CONTROL_LABELS) {
    const field = control(page, label);
    await expect(field, `control "${label}"`).toBeVisible();
    // A visible label, not only an aria-label: sighted users need to read it too.
    expect(await hasVisibleLabel(field, label), `visible label "${label}"`).toBe(true);
  }
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  for (const name of PLOT_NAMES) await expect(plotArea(page, name)).toBeVisible();
  await expect(page.getByRole('slider', { name: 'Perturbation t', exact: true })).toBeVisible();
  expectCleanRun(watched, baseURL);
});

test('WebGPU: trains a tiny model and draws finite curves, slice and landscape', async ({
  page,
  baseURL,
}) => {
  const watched = watchPage(page);
  // No ?backend=: the app must pick WebGPU by itself when the browser offers it.
  await page.goto(appUrl(TINY_URL_PARAMS));
  await expectBackend(page, 'webgpu');
  for (const [label, value] of Object.entries(TINY_CONTROLS)) await setControl(page, label, value);

  await trainAndWait(page);
  await expectFinitePlot(page, 'Training curves', TRAINING_MS);
  await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);

  const slider = page.getByRole('slider', { name: 'Perturbation t', exact: true });
  const readout = page.getByLabel('Loss at perturbed weights', { exact: true });
  await expect(readout).toBeVisible();
  const before = (await readout.textContent()) ?? '';
  await slider.focus();
  for (let i = 0; i < 3; i += 1) await slider.press('ArrowRight');
  // End moves to the far edge of the range, where the loss surely differs from the minimum's.
  await slider.press('End');
  await expect
    .poll(
      async () => {
        const text = (await readout.textContent()) ?? '';
        const value = parseReadout(text);
        return text !== before && Number.isFinite(value) ? 'changed to a finite number' : text;
      },
      {
        message: `readout changes from "${before}" to a different finite number`,
        timeout: READOUT_MS,
      },
    )
    .toBe('changed to a finite number');
  expect(parseReadout(await readout.textContent())).not.toBe(parseReadout(before));

  expectCleanRun(watched, baseURL);
});

test('WebGL: ?backend=webgl trains the same tiny config', async ({ page, baseURL }) => {
  const watched = watchPage(page);
  // Here the whole config comes from the URL, so the presets are exercised too.
  await page.goto(
    appUrl({ backend: 'webgl', subset: '64', batch: '32', epochs: '1', ...TINY_URL_PARAMS }),
  );
  await expectBackend(page, 'webgl');
  for (const [label, value] of Object.entries(TINY_CONTROLS)) {
    await expect(control(page, label), `${label} preset from URL`).toHaveValue(value);
  }

  await trainAndWait(page);
  await expectFinitePlot(page, 'Training curves', TRAINING_MS);

  expectCleanRun(watched, baseURL);
});
