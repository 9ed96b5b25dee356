import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LANDSCAPE_MS, plotValueStatus, setControl, trainAndWait } from './helpers';
import { openTinyRun } from './tiny-run';

// The tiny run with a 5×5 grid; a small evaluation sample keeps each grid point cheap.
const REFINE_RUN = { evalSamples: '16', grid: '5' };

function landscapeRegion(page: Page): Locator {
  return page.getByRole('region', { name: '2D loss landscape', exact: true });
}

/** Rows × columns of the surface Plotly draws (its first trace's z). */
async function surfaceSize(region: Locator): Promise<string> {
  const graph = region.locator('.js-plotly-plot').first();
  if ((await graph.count()) === 0) return 'none';
  return graph.evaluate((el) => {
    const z = (el as unknown as { data?: { z?: number[][] }[] }).data?.[0]?.z ?? [];
    return `${z.length}x${z[0]?.length ?? 0}`;
  });
}

/** The colour range Plotly uses: the one given, else the one it computed from the values. */
async function colourRange(
  region: Locator,
): Promise<{ zmin: number; zmax: number; fixed: boolean }> {
  return region
    .locator('.js-plotly-plot')
    .first()
    .evaluate((el) => {
      type Trace = { zmin?: number; zmax?: number };
      const g = el as unknown as { data: Trace[]; _fullData: Trace[] };
      const given = g.data[0]!;
      const full = g._fullData[0]!;
      return {
        zmin: given.zmin ?? full.zmin!,
        zmax: given.zmax ?? full.zmax!,
        fixed: given.zmin !== undefined,
      };
    });
}

/** True when the landscape's progress bar is there and full: the whole grid is drawn. */
async function barFull(region: Locator): Promise<boolean> {
  const bar = region.getByRole('progressbar', { name: 'Landscape progress' });
  if ((await bar.count()) === 0) return false;
  const [now, max] = await Promise.all([
    bar.getAttribute('aria-valuenow'),
    bar.getAttribute('aria-valuemax'),
  ]);
  return now !== null && now === max && Number(max) > 1;
}

async function expectLandscapeDone(region: Locator): Promise<void> {
  await expect
    .poll(() => barFull(region), {
      message: 'the landscape progress bar reaches its end',
      timeout: LANDSCAPE_MS,
    })
    .toBe(true);
  await expect.poll(() => plotValueStatus(region), { timeout: LANDSCAPE_MS }).toBe('ok');
}

test('landscape refinement: coarse surface first, Cancel keeps it', async ({ page }) => {
  // 31 × 31: the coarse 16 × 16 surface comes first, the 705 other points take much longer.
  await openTinyRun(page, { ...REFINE_RUN, grid: '31' });
  await trainAndWait(page);
  const region = landscapeRegion(page);
  const bar = region.getByRole('progressbar', { name: 'Landscape progress' });
  await expect(bar).toBeVisible({ timeout: LANDSCAPE_MS });
  await expect.poll(() => surfaceSize(region), { timeout: LANDSCAPE_MS }).toBe('16x16');
  await region.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(region.getByRole('alert')).toHaveText('Landscape cancelled.', {
    timeout: LANDSCAPE_MS,
  });
  // Stopped inside the refinement: the bar is neither empty nor full, the coarse surface stays.
  const [now, max] = [
    Number(await bar.getAttribute('aria-valuenow')),
    Number(await bar.getAttribute('aria-valuemax')),
  ];
  expect(max).toBe(31 * 31);
  expect(now).toBeGreaterThanOrEqual(16 * 16);
  expect(now).toBeLessThan(max);
  expect(await surfaceSize(region)).toBe('16x16');
  expect(await plotValueStatus(region)).toBe('ok');
});

test('two runs share one colour scale when asked', async ({ page }) => {
  await openTinyRun(page, REFINE_RUN);
  const region = landscapeRegion(page);
  await trainAndWait(page);
  await expectLandscapeDone(region);
  const toggle = region.getByRole('checkbox', { name: 'Same colour scale for all runs' });
  await expect(toggle).toBeDisabled();

  // A second run from another seed: another minimum, another loss range.
  await setControl(page, 'Seed', '2');
  await trainAndWait(page);
  // Enabled once run 2 has a landscape too; then wait for all of it.
  await expect(toggle).toBeEnabled({ timeout: LANDSCAPE_MS });
  await expectLandscapeDone(region);
  await expect(toggle).toBeChecked();
  const shared = await colourRange(region);
  expect(shared.fixed).toBe(true);

  await toggle.uncheck();
  await expect.poll(async () => (await colourRange(region)).fixed).toBe(false);
  const own2 = await colourRange(region);

  await page.getByRole('button', { name: 'Explore SGD', exact: true }).click();
  // Run 1's own range, once its whole grid is drawn.
  await expect
    .poll(
      async () => {
        const range = await colourRange(region).catch(() => null);
        const full = await barFull(region);
        return full && range !== null && JSON.stringify(range) !== JSON.stringify(own2);
      },
      { message: 'run 1 landscape drawn', timeout: LANDSCAPE_MS },
    )
    .toBe(true);
  const own1 = await colourRange(region);
  expect(own1.fixed).toBe(false);

  await toggle.check();
  await expect.poll(async () => (await colourRange(region)).fixed).toBe(true);
  // Run 1 now uses exactly run 2's shared range: the union of both runs' own ranges.
  expect(await colourRange(region)).toEqual(shared);
  expect(shared.zmin).toBe(Math.min(own1.zmin, own2.zmin));
  expect(shared.zmax).toBe(Math.max(own1.zmax, own2.zmax));
});
