import { expect, test } from './fixtures';
import { LANDSCAPE_MS, READOUT_MS, expectFinitePlot, parseReadout, trainAndWait } from './helpers';
import { openTinyRun } from './tiny-run';

// The app's own choice (no ?backend=): a tiny run, and a grid big enough (21×21 points on 256 +
// 256 images) that it is still refining when the slider is moved.
const AUTO_RUN = { backend: undefined, evalSamples: '256', slice: '11', grid: '21' };

test('the default backend: software GPUs skipped, landscapes on wasm, the slider answers during a grid', async ({
  page,
}) => {
  // This machine's WebGPU and WebGL are SwiftShader: the app says so and trains on the CPU.
  await openTinyRun(page, AUTO_RUN, 'cpu');
  await expect(page.getByText(/webgpu skipped: the WebGPU adapter is software/)).toBeVisible();
  await expect(page.getByText(/webgl skipped: the WebGL renderer is software/)).toBeVisible();
  // Cross-origin isolated (the preview server's COOP/COEP), so wasm runs TF.js's thread count:
  // half the logical cores, 1 to 8; the badge says why where that is one.
  const { isolated, cores } = await page.evaluate(() => ({
    isolated: globalThis.crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
  }));
  expect(isolated).toBe(true);
  const threads = Math.min(8, Math.max(1, Math.floor(cores / 2)));
  const said = threads === 1 ? `1 thread: ${cores} logical cores` : `${threads} threads`;
  await expect(page.getByText(`wasm (XNNPACK, SIMD, ${said})`, { exact: false })).toBeVisible();
  await trainAndWait(page);

  const panel = page.getByRole('region', { name: '1D loss slice', exact: true });
  const slider = panel.getByRole('slider', { name: 'Perturbation t', exact: true });
  const readout = panel.getByLabel('Loss at perturbed weights', { exact: true });
  const gridBar = page.getByRole('progressbar', { name: 'Landscape progress' });
  await expect(slider).toBeEnabled({ timeout: LANDSCAPE_MS });
  await expect(gridBar).toHaveAttribute('aria-valuetext', /coarse grid|Refining/, {
    timeout: LANDSCAPE_MS,
  });
  const centre = parseReadout(await readout.textContent());
  await slider.focus();
  await page.keyboard.press('End');
  // The probe is answered while the grid is still being computed, not after it.
  await expect
    .poll(async () => parseReadout(await readout.textContent()), { timeout: READOUT_MS })
    .not.toBe(centre);
  expect(Number.isFinite(parseReadout(await readout.textContent()))).toBe(true);
  await expect(gridBar).toHaveAttribute('aria-valuetext', /coarse grid|Refining/);

  // The finished grid names the backend that computed it.
  await expect(gridBar).toHaveAttribute('aria-valuetext', /evaluations in .* on wasm \(XNNPACK/, {
    timeout: LANDSCAPE_MS,
  });
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
  // The fixture then checks: no console error, so no failed request either (a 404 is logged as
  // one), and no request outside the app's origin, on load, training and landscape.
});
