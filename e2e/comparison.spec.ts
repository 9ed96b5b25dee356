import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { plotTraces, startCompare } from './helpers';
import { openApp, tinyRunLink } from './tiny-run';

// A version-2 link: CPU backend, the tiny CNN on 64 images in two batches of 32 for one epoch,
// a small landscape (5-point slices on the 64 metric samples, a 3×3 grid for the last run) and
// curvature on 32 training samples, λ_max during training every second step.
const LINK = tinyRunLink({
  'train.model': 'tiny-cnn',
  'sharpness.samples': '32',
  'train.sharpnessEvery': '2',
});
const NAMES = ['SGD', 'SWA', 'SAM', 'WASAM'];
// Seconds on the CPU backend; generous for a loaded two-core machine.
const VIEW_MS = 120_000;

const view = (page: Page) => page.getByRole('region', { name: 'Comparison', exact: true });
const table = (page: Page) => view(page).getByRole('table', { name: /Curvature and basin width/ });

/** The table as [run, λ_max, trace, basin width], numbers parsed ("≥ 2" and "12 ± 0.3" too). */
async function tableValues(t: Locator): Promise<[string, number, number, number][]> {
  const rows = await t.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => {
      const name = ((await row.locator('th').textContent()) ?? '').replace(/\(.*\)/, '').trim();
      const cells = await row.locator('td').allTextContents();
      const num = (text: string | undefined) => {
        const m = (text ?? '').replace('−', '-').match(/-?\d+(\.\d+)?(e[+-]?\d+)?/);
        return m ? Number(m[0]) : NaN;
      };
      return [name, num(cells[1]), num(cells[2]), num(cells[3])] as [
        string,
        number,
        number,
        number,
      ];
    }),
  );
}

test('Compare optimizers shows every run’s slice on one axis and their curvature in one table', async ({
  page,
}) => {
  await openApp(page, LINK, 'cpu');
  await startCompare(page);
  // Training has ended when the status says so; the view then fills in by itself.
  await expect(page.getByText('Training finished').first()).toBeVisible({ timeout: VIEW_MS });
  const trainedAt = Date.now();
  await expect(view(page).getByRole('progressbar', { name: 'Comparison progress' })).toBeVisible({
    timeout: VIEW_MS,
  });
  const startedMs = Date.now() - trainedAt;

  // Full: one row per run, each with a finite λ_max, trace and basin width, and no job running.
  await expect
    .poll(
      async () =>
        (await tableValues(table(page))).filter((r) => r.slice(1).every(Number.isFinite)).length,
      {
        timeout: VIEW_MS,
      },
    )
    .toBe(4);
  await expect(view(page).getByRole('progressbar')).toHaveCount(0);
  const viewMs = Date.now() - trainedAt;
  const values = await tableValues(table(page));
  expect(values.map((r) => r[0])).toEqual(NAMES);
  for (const [, lambdaMax, trace, basin] of values) {
    expect(lambdaMax).toBeGreaterThan(0);
    expect(trace).not.toBeNaN();
    expect(basin).toBeGreaterThan(0);
  }

  // The overlay: one finite five-point curve per run, each in its own colour.
  const traces = await plotTraces(
    view(page).getByRole('figure', { name: '1D slices of the compared runs' }),
  );
  expect(traces.map((t) => t.name)).toEqual(NAMES);
  for (const t of traces) {
    expect(t.x).toHaveLength(5);
    expect(t.y.every((y) => Number.isFinite(y))).toBe(true);
  }
  expect(new Set(traces.map((t) => t.color)).size).toBe(4);

  // It says what it measured and on which labels.
  await expect(view(page).getByText(/each run’s own training labels/)).toBeVisible();
  // The sharpness-during-training curves of the same runs, one finite λ_max series each.
  const tracking = view(page).getByRole('figure', {
    name: 'Sharpness during training of the compared runs',
  });
  await expect
    .poll(
      async () => (await plotTraces(tracking)).filter((t) => t.name.endsWith(' · λ_max')).length,
    )
    .toBe(4);
  for (const t of (await plotTraces(tracking)).filter((t) => t.name.endsWith(' · λ_max'))) {
    expect(t.y.length).toBeGreaterThan(0);
    expect(t.y.every((y) => Number.isFinite(y) && y > 0)).toBe(true);
  }

  const axe = await new AxeBuilder({ page }).include('#comparison-view');
  expect((await axe.analyze()).violations).toEqual([]);

  // On request, the existing side-by-side job starts on the same four runs (cancelled here:
  // drawing its grids is that panel's own test).
  await view(page).getByRole('button', { name: 'Show 2D side by side' }).click();
  const side = page.getByRole('region', { name: 'Side by side', exact: true });
  await expect(side.getByRole('progressbar', { name: 'Side by side progress' })).toBeVisible();
  for (const name of NAMES)
    await expect(side.getByRole('checkbox', { name, exact: true })).toBeChecked();
  await side.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(side.getByRole('progressbar')).toHaveCount(0);

  const took = await view(page)
    .getByText(/^These measurements took/)
    .textContent();
  console.log(
    `comparison view ${viewMs} ms after training (jobs started after ${startedMs} ms; ${took}): ` +
      values.map(([n, l, t, b]) => `${n} λ_max ${l} trace ${t} basin ${b}`).join('; '),
  );
});
