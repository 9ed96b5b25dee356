import { expect, test } from './fixtures';
import { LANDSCAPE_MS, clickWhenEnabled, expectFiniteValues } from './helpers';
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
