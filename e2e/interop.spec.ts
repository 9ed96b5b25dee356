import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { SCHEMA_VERSION } from '../src/schema/settings';
import { expect, test } from './fixtures';
import { readH5Surface } from '../src/interop';
import { appUrl, control, expectBackend, plotArea, setControl } from './helpers';

// Written by scripts/make-h5-fixtures.mjs in Li et al.'s layout: loss = 1 + x + 10·y² on a 5 × 3
// grid (x from −1 to 1, y from −0.5 to 0.5), so a transposed import cannot pass.
const SURFACE_2D = 'test/fixtures-h5/surface_2d.h5';

/** The file a click downloads: its suggested name and bytes. */
async function downloaded(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return {
    name: download.suggestedFilename(),
    bytes: new Uint8Array(await readFile((await download.path())!)),
  };
}

interface Contour {
  x: number[];
  y: number[];
  z: (number | null)[][];
}

test('a loss-landscape .h5 surface imports with rows belonging to y', async ({ page }) => {
  await page.goto(appUrl({ backend: 'cpu' }));
  await expectBackend(page, 'cpu');

  await page.getByLabel('Import', { exact: true }).setInputFiles(SURFACE_2D);
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText(
    'Imported surface "surface_2d.h5"',
  );
  const graph = plotArea(page, '2D loss landscape').locator('.js-plotly-plot').first();
  await expect(graph).toBeVisible();
  const trace = await graph.evaluate((el) => {
    const data = (el as unknown as { data: Contour[] }).data;
    const t = data[0]!;
    return { x: Array.from(t.x), y: Array.from(t.y), z: t.z.map((r) => Array.from(r)) };
  });
  expect(trace.x).toHaveLength(5);
  expect(trace.y).toHaveLength(3);
  expect(trace.z).toHaveLength(3);
  trace.z.forEach((row, i) =>
    row.forEach((z, j) => {
      const expected = 1 + trace.x[j]! + 10 * trace.y[i]! ** 2;
      expect(z, `z at x=${trace.x[j]}, y=${trace.y[i]}`).toBeCloseTo(expected, 5);
    }),
  );

  // Exported again in the same layout, it reads back as the same surface; SVG is Plotly's own.
  await page
    .getByRole('combobox', { name: 'Plot to export', exact: true })
    .selectOption('2D loss landscape');
  const h5 = await downloaded(page, () =>
    page.getByRole('button', { name: 'HDF5', exact: true }).click(),
  );
  expect(h5.name).toMatch(/\.h5$/);
  const back = await readH5Surface(h5.bytes);
  expect(back.kind).toBe('2d');
  expect(back.x).toEqual(trace.x);
  expect(back.kind === '2d' && back.y).toEqual(trace.y);
  expect(back.values.trainLoss).toEqual(trace.z);
  const svg = await downloaded(page, () =>
    page.getByRole('button', { name: 'SVG', exact: true }).click(),
  );
  expect(svg.name).toMatch(/\.svg$/);
  expect(new TextDecoder().decode(svg.bytes)).toContain('<svg');
});

test('a link opened in a new page restores the configuration', async ({ page, context }) => {
  await page.goto(appUrl({ backend: 'cpu' }));
  await expectBackend(page, 'cpu');
  const chosen = {
    'Learning rate': '0.03',
    'Batch size': '32',
    Epochs: '3',
    Seed: '7',
    Model: 'lenet5',
  };
  for (const [label, value] of Object.entries(chosen)) await setControl(page, label, value);
  // The address bar follows the settings (only non-default values, versioned).
  await expect.poll(() => new URL(page.url()).searchParams.get('v')).toBe(String(SCHEMA_VERSION));
  const link = page.url();

  const other = await context.newPage();
  await other.goto(link);
  for (const [label, value] of Object.entries(chosen)) {
    await expect(control(other, label), `${label} from the link`).toHaveValue(value);
  }
  await other.close();
});
