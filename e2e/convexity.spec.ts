import { expect, test } from './fixtures';
import {
  LANDSCAPE_MS,
  TRAINING_MS,
  appUrl,
  clickWhenEnabled,
  expectBackend,
  expectFiniteValues,
  parseReadout,
  plotValueStatus,
} from './helpers';
import { trainTinyRun } from './tiny-run';

test('convexity map: |λ_min/λ_max| over the landscape plane, finite, with its summary', async ({
  page,
}) => {
  await trainTinyRun(page);
  const panel = page.getByRole('region', { name: 'Convexity map', exact: true });
  // The smallest map: 3×3 points, at most 10 Hessian-vector products each, on the CPU backend.
  await panel.getByLabel('Map grid', { exact: true }).selectOption('3');
  await panel.getByLabel('Lanczos products per point', { exact: true }).selectOption('10');
  await clickWhenEnabled(panel.getByRole('button', { name: 'Compute convexity map' }));
  const figure = panel.getByRole('figure', { name: 'Convexity map' });
  await expectFiniteValues(figure, 'Convexity map', LANDSCAPE_MS);
  const summary = panel.getByLabel('Convexity summary');
  await expect(summary).toHaveText(
    /^Non-convex \(λ_min < −0\.05·λ_max\): \d of 9 points \([\d.]+%\) · mean \|λ_min\/λ_max\| \d+\.\d{3}/,
  );
  // ε is the reader's: a larger threshold can only count fewer points.
  const count = async () => Number(/(\d) of 9/.exec((await summary.textContent()) ?? '')?.[1]);
  const at005 = await count();
  await panel.getByLabel('ε (non-convex threshold)', { exact: true }).selectOption('0.2');
  await expect(summary).toContainText('λ_min < −0.2·λ_max');
  expect(await count()).toBeLessThanOrEqual(at005);
});

test('the quick skip-connections preset maps convexity, judges it and shows a seed side by side', async ({
  page,
}) => {
  // The quick variant: 64 images, 2 epochs, 2 paired seeds, 3×3 maps of ≤ 3 products a point;
  // the landscape settings keep the side-by-side grids tiny.
  await page.goto(
    appUrl({ reproduce: 'quick', backend: 'cpu', evalSamples: '32', slice: '5', grid: '3' }),
  );
  await expectBackend(page, 'cpu');
  const panel = page.getByRole('region', { name: 'Reproduce', exact: true });
  const label = 'Skip connections (Li et al. Fig. 5) (quick test)';
  await clickWhenEnabled(panel.getByRole('button', { name: `Reproduce: ${label}`, exact: true }));
  const claims = panel.getByRole('table', { name: `Reproduce: ${label}, what this run measured` });
  // Four trainings and four maps of a 25-conv net on the CPU: long on a loaded machine.
  await expect(claims).toBeVisible({ timeout: 2 * TRAINING_MS });
  // Two observations (non-convex share, mean ratio), each with a verdict over 2 seeds.
  await expect(claims.getByRole('row')).toHaveCount(3);
  for (const i of [1, 2]) {
    const cells = claims.getByRole('row').nth(i).getByRole('cell');
    await expect(cells.nth(4)).toHaveText('2');
    expect(['supported', 'contradicted', 'inconclusive']).toContain(
      (await cells.nth(5).textContent())?.trim(),
    );
  }
  // The per-arm table: finite convexity numbers for both nets.
  const measures = panel.getByRole('table', {
    name: 'Per arm, mean ± standard deviation over seeds',
  });
  for (const arm of ['With skips', 'Without skips']) {
    const cells = measures.getByRole('row', { name: new RegExp(`^${arm}`) }).getByRole('cell');
    await expect(cells).toHaveCount(4);
    for (const i of [2, 3]) {
      const mean = parseReadout(((await cells.nth(i).textContent()) ?? '').split('±')[0]!);
      expect(Number.isFinite(mean)).toBe(true);
    }
  }
  await panel.getByRole('button', { name: 'Seed 1: landscapes side by side' }).click();
  const side = page.getByRole('region', { name: 'Side by side', exact: true });
  const landscapes = side.getByRole('figure', { name: /^Landscape of / });
  await expect(landscapes).toHaveCount(2, { timeout: LANDSCAPE_MS });
  for (const i of [0, 1])
    await expect
      .poll(() => plotValueStatus(landscapes.nth(i)), { timeout: LANDSCAPE_MS })
      .toBe('ok');
  // One colour scale for both nets.
  const ranges = await landscapes.evaluateAll((els) =>
    els.map((el) => {
      const trace = (el.querySelector('.js-plotly-plot') as unknown as { data: object[] })
        .data[0] as { zmin?: number; zmax?: number };
      return [trace.zmin, trace.zmax];
    }),
  );
  expect(ranges[0]).toEqual(ranges[1]);
});
