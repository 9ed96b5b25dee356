import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { decodeRunFile } from '../src/persistence/format';
import {
  expectFinitePlot,
  expectSettled,
  PLOT_NAMES,
  READOUT_MS,
  runItems,
  settledValue,
  trainAndWait,
} from './helpers';
import { openTinyRun } from './tiny-run';

// The tiny run: two steps (64 images, batch 32, 1 epoch) keep this to seconds of training.
const STEP_MS = 3 * 60_000;

const importResult = (page: Page) => page.getByRole('status', { name: 'Import result' });

/** The saved record of a run as the page's IndexedDB holds it (null while absent). */
function savedRecord(page: Page, id: string) {
  return page.evaluate(
    (key) =>
      new Promise<{ name: string; hasGrid: boolean } | null>((resolve, reject) => {
        const open = indexedDB.open('flatland');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) return resolve(null);
          const get = db.transaction('runs').objectStore('runs').get(key);
          get.onsuccess = () => {
            const r = get.result as
              { info: { name: string }; results: { landscape?: { grid: unknown } } } | undefined;
            resolve(r ? { name: r.info.name, hasGrid: !!r.results.landscape?.grid } : null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    `meta:${id}`,
  );
}

/**
 * One key press moves a perturbation slider of the restored landscape off the centre: its loss
 * readout settles on another finite number, which only a worker that has the saved landscape's
 * directions again can give.
 */
async function expectSliderMoves(page: Page, panelName: string, slider: string, readout: string) {
  const panel = page.getByRole('region', { name: panelName, exact: true });
  const loss = panel.getByLabel(readout, { exact: true });
  const centre = await expectSettled(loss, `${readout} at the centre`);
  await panel.getByRole('slider', { name: slider, exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(
      async () => {
        const value = await settledValue(loss);
        return Number.isFinite(value) && value !== centre ? 'moved' : `${value} (centre ${centre})`;
      },
      { message: `${readout} after moving ${slider}`, timeout: READOUT_MS },
    )
    .toBe('moved');
}

async function downloadBytes(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const d = download as Download;
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile((await d.path())!)) };
}

async function expectPlots(page: Page) {
  for (const name of PLOT_NAMES) await expectFinitePlot(page, name, STEP_MS);
}

test('runs survive a reload, rename, export then import gives the same run', async ({ page }) => {
  await openTinyRun(page);
  await trainAndWait(page);
  await expectPlots(page);
  // Saved with its landscape once the grid is done.
  await expect
    .poll(() => savedRecord(page, 'run-1'), { timeout: STEP_MS })
    .toEqual({
      name: 'SGD',
      hasGrid: true,
    });
  await expect(page.getByLabel('Storage used')).toContainText(/Saved in this browser: \d/);

  await page.reload();
  await expect(runItems(page)).toHaveCount(1, { timeout: STEP_MS });
  await expect(runItems(page).first()).toContainText('SGD');
  await expectPlots(page);
  // The perturbation sliders work on the restored plots without exploring the run again.
  await expectSliderMoves(page, '1D loss slice', 'Perturbation t', 'Loss at perturbed weights');
  await expectSliderMoves(
    page,
    '2D loss landscape',
    'Perturbation a',
    'Loss at perturbed weights (2D)',
  );
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Rename SGD' }).click();
  await page.getByLabel('New name for SGD').fill('Baseline');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(runItems(page).first()).toContainText('Baseline');
  await expect.poll(() => savedRecord(page, 'run-1')).toMatchObject({ name: 'Baseline' });

  const exported = await downloadBytes(page, () =>
    page.getByRole('button', { name: 'Export Baseline' }).click(),
  );
  expect(exported.name).toBe('Baseline.flatland');
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: exported.name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(exported.bytes),
  });
  await expect(runItems(page)).toHaveCount(2);
  await expect(importResult(page)).toContainText('Imported Baseline');

  // The imported run, exported again, holds the same metrics, events and weights.
  const again = await downloadBytes(page, () =>
    runItems(page).nth(1).getByRole('button', { name: 'Export Baseline' }).click(),
  );
  const a = decodeRunFile(exported.bytes).runs[0]!;
  const b = decodeRunFile(again.bytes).runs[0]!;
  expect(b.info.summary.final).toEqual(a.info.summary.final);
  expect(b.events).toEqual(a.events);
  expect(b.weights).toEqual(a.weights);
  expect(b.info.id).not.toBe(a.info.id);

  // A truncated file is refused with a clear message and changes nothing.
  await page.getByLabel('Import', { exact: true }).setInputFiles({
    name: 'broken.flatland',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(exported.bytes.slice(0, exported.bytes.length - 100)),
  });
  await expect(importResult(page)).toContainText('Could not import broken.flatland');
  await expect(importResult(page)).toContainText('truncated');
  await expect(runItems(page)).toHaveCount(2);

  // Plots export as CSV and as images (Plotly's own).
  const csv = await downloadBytes(page, () =>
    page.getByRole('button', { name: 'CSV', exact: true }).click(),
  );
  expect(new TextDecoder().decode(csv.bytes)).toMatch(/^run,kind,step,epoch,loss,lr/);
  const png = await downloadBytes(page, () =>
    page.getByRole('button', { name: 'PNG', exact: true }).click(),
  );
  expect(png.name).toMatch(/\.png$/);
  expect(Array.from(png.bytes.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);

  // Deleting removes the run from storage too: after a reload only the original is back.
  await runItems(page).nth(1).getByRole('button', { name: 'Delete Baseline' }).click();
  await expect(runItems(page)).toHaveCount(1);
  await page.reload();
  await expect(runItems(page)).toHaveCount(1, { timeout: STEP_MS });
  await expect(runItems(page).first()).toContainText('Baseline');
});
