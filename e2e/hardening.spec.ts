import { expect, test } from './fixtures';
import {
  BACKEND_READY_MS,
  LANDSCAPE_MS,
  TRAINING_MS,
  expectBackend,
  expectCleanRun,
  expectFinitePlot,
  plotArea,
  trainAndWait,
  trainButton,
} from './helpers';
import {
  armDeviceDestroy,
  destroyGpuDevice,
  hideWebGpu,
  watchCspViolations,
} from './fault-helpers';
import { openTinyRun, tinyRunUrl } from './tiny-run';

// The tiny run on 32 metric samples: seconds, not minutes, even under load.
const TINY = { evalSamples: '32' };

test('security: the built app runs under its CSP, with no violation and no outside request', async ({
  page,
  watched,
  baseURL,
}) => {
  const violations = await watchCspViolations(page);
  const response = await page.goto(tinyRunUrl(TINY));
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self' 'wasm-unsafe-eval';.*connect-src 'self'/,
  );
  await expectBackend(page, 'cpu');
  await trainAndWait(page);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
  // Every view: Plotly's heatmap and its WebGL surface bring their own styles and shaders.
  for (const view of ['Heatmap', 'Surface']) {
    // The radio is visually hidden behind its label, as in a segmented control.
    await page.getByRole('radio', { name: view }).check({ force: true });
    await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
  }
  expect(await violations()).toEqual([]);
  expectCleanRun(watched, baseURL);

  // The policy is in force (DevTools' own evaluate is exempt, so the page itself tries):
  // no inline script, no eval-like string timers, no requests elsewhere.
  const attempts = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const fetched = await fetch('https://example.com/').then(
      () => 'ran',
      () => 'blocked',
    );
    return { inline: w.__inlineRan ?? 'blocked', evaluated: w.__evalRan ?? 'blocked', fetched };
  });
  expect(attempts).toEqual({ inline: 'blocked', evaluated: 'blocked', fetched: 'blocked' });
  // Each twice: the header and the <meta> are two policies, and both are enforced.
  const directives = (await violations()).map((v) => v.split(' ')[0]);
  expect(directives.sort()).toEqual(
    ['connect-src', 'script-src', 'script-src-elem'].flatMap((d) => [d, d]),
  );
});

test('divergence: lr 10 stops with a clear message, and the kept weights are explored', async ({
  page,
}) => {
  await openTinyRun(page, { ...TINY, lr: '10', subset: '256', batch: '16' });
  await trainButton(page).click();
  const alert = page.getByRole('alert', { name: 'The loss diverged' });
  await expect(alert).toContainText(/The loss diverged at step \d+ — try a smaller learning rate/, {
    timeout: TRAINING_MS,
  });
  await expect(page.getByText('Training stopped: the loss diverged')).toBeVisible();
  await expectFinitePlot(page, '1D loss slice', LANDSCAPE_MS);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
});

test('concurrency: double clicks, stopping mid-run and training again leave one consistent state', async ({
  page,
}) => {
  await openTinyRun(page, { ...TINY, subset: '2048', batch: '16', epochs: '5' });
  await trainButton(page).dblclick();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('Training stopped').first()).toBeVisible({ timeout: TRAINING_MS });
  await page.getByRole('button', { name: 'Compare optimizers', exact: true }).dblclick();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText('Training stopped').first()).toBeVisible({ timeout: TRAINING_MS });
  // Nothing of the stopped runs is drawn as if it were a finished one.
  await expect(plotArea(page, '2D loss landscape').locator('.js-plotly-plot')).toHaveCount(0);
  await page.goto(tinyRunUrl(TINY));
  await trainAndWait(page);
  await trainButton(page).dblclick();
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
});

test('no WebGPU: the app says why, and skips the software WebGL too', async ({ page }) => {
  await hideWebGpu(page);
  // This machine's WebGL is SwiftShader, slower than the CPU backend: the automatic choice is cpu.
  await openTinyRun(page, { ...TINY, backend: 'auto' }, 'cpu');
  await expect(
    page.getByText(
      /navigator\.gpu is missing.*webgl skipped: the WebGL renderer is software.*using cpu/,
    ),
  ).toBeVisible();
});

test('WebGPU device lost mid-training: the run continues on the fallback backend', async ({
  page,
}) => {
  await armDeviceDestroy(page);
  // Forced: the automatic choice would calibrate this machine's WebGPU (SwiftShader, even where
  // armDeviceDestroy makes it pass for hardware) against the CPU backend and train on the CPU.
  await openTinyRun(
    page,
    { ...TINY, backend: 'webgpu', subset: '32', batch: '16', epochs: '3' },
    'webgpu',
  );
  await trainButton(page).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click({ timeout: TRAINING_MS });
  await expect(page.getByText('Paused', { exact: true })).toBeVisible({ timeout: TRAINING_MS });
  await destroyGpuDevice(page);
  const notice = page.getByRole('alert', { name: 'GPU device lost' });
  await expect(notice).toContainText(
    /WebGPU device lost .*continued on (webgl|cpu) from step \d+/,
    {
      timeout: BACKEND_READY_MS,
    },
  );
  await expect(page.getByLabel('Backend', { exact: true })).not.toContainText('webgpu');
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.getByText('Training finished').first()).toBeVisible({ timeout: TRAINING_MS });
  await expectFinitePlot(page, 'Training curves', TRAINING_MS);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
});
