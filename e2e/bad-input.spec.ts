import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LANDSCAPE_MS,
  clickWhenEnabled,
  control,
  expectBackend,
  expectFinitePlot,
  plotValueStatus,
  trainAndWait,
} from './helpers';
import { tinyRunLink } from './tiny-run';

// The tiniest CPU run as a version-2 link (a 5-point θ(α) too), plus two malformed parameters
// the page must report, not apply.
const LINK = tinyRunLink({
  'interpolation.points': '5',
  'train.momentum': '1.5',
  'train.seed': 'seven',
});

/** [field label, bad text, the action it must disable, what the inline message says]. */
type BadInput = [string, string, string, RegExp];

const TRAIN_INPUTS: BadInput[] = [
  ['Learning rate', 'NaN', 'Train', /Enter a number from 0\.00001 to 10/],
  ['Learning rate', '1e309', 'Train', /Enter a number/],
  ['Learning rate', '0', 'Train', /Enter a number/],
  ['Learning rate', '-0.1', 'Train', /Enter a number/],
  ['Momentum', '1', 'Train', /from 0 to 0\.999/],
  ['Batch size', '0', 'Train', /whole number from 1/],
  ['Batch size', '12.5', 'Train', /whole number/],
  // A rule between fields: the run trains on 64 images.
  ['Batch size', '128', 'Train', /At most the training subset \(64 images\)/],
  ['Epochs', '-3', 'Train', /whole number from 1 to 100/],
  ['Epochs', '', 'Train', /whole number from 1 to 100/],
  ['Seed', '99999999999', 'Train', /4,294,967,295/],
  ['Label noise', '0.9', 'Train', /from 0 to 0\.8/],
  ['SAM radius ρ', '-0.05', 'Train', /from 0 to 5/],
];

const ANALYSIS_INPUTS: BadInput[] = [
  ['α from', '-50', 'Interpolate', /from -5 to 5/],
  // α from is −0.5: an empty range.
  ['α to', '-0.5', 'Interpolate', /range cannot be empty/],
  ['Points', '1000', 'Interpolate', /whole number from 3 to 201/],
  ['Points', '2', 'Interpolate', /whole number from 3/],
  ['Samples', '0', 'Compute sharpness', /whole number from 10/],
  ['ρ', '-1', 'Compute sharpness', /from 0\.0001 to 1/],
  ['Adaptive ρ', '1e309', 'Compute sharpness', /from 0\.001 to 10/],
  ['Sharpness seed', '1.5', 'Compute sharpness', /whole number/],
];

/** Every y and z value of every plot on the page, to show that nothing computed changed. */
function plotData(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Trace = { y?: unknown; z?: unknown };
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    return JSON.stringify(
      plots.map((el) =>
        ((el as unknown as { data?: Trace[] }).data ?? []).map((t) => [t.y ?? null, t.z ?? null]),
      ),
    );
  });
}

/** The visible texts of the elements that describe a field (aria-describedby). */
async function descriptions(field: Locator): Promise<string> {
  return field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter((node): node is HTMLElement => node !== null && node.checkVisibility())
      .map((node) => node.textContent ?? '')
      .join(' | '),
  );
}

async function typeInto(field: Locator, text: string): Promise<void> {
  if (!Number.isNaN(Number(text))) return field.fill(text);
  // Playwright's fill refuses text a number input cannot hold; a person's keys get through (and
  // the input reports '' for them).
  await field.fill('');
  await field.pressSequentially(text);
}

async function expectRejected(page: Page, [label, text, action, message]: BadInput) {
  const field = control(page, label);
  const button = page.getByRole('button', { name: action, exact: true });
  const good = await field.inputValue();
  await typeInto(field, text);
  await expect(field, `${label}=${text}`).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => descriptions(field), { message: `${label}=${text}` }).toMatch(message);
  await expect(button, `${action} with ${label}=${text}`).toBeDisabled();
  await typeInto(field, good);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(button).toBeEnabled();
}

test('bad input: inline messages, blocked actions, nothing computed changes', async ({ page }) => {
  await page.goto(LINK);
  const notice = page.getByRole('complementary', { name: 'Ignored URL parameters' });
  await expect(notice).toContainText('train.momentum=1.5');
  await expect(notice).toContainText('train.seed=seven');
  await expect(control(page, 'Momentum')).toHaveValue('0.9');

  await expectBackend(page, 'cpu');
  await trainAndWait(page);
  await expectFinitePlot(page, '2D loss landscape', LANDSCAPE_MS);
  const interpolation = page.getByRole('region', { name: 'Interpolation', exact: true });
  await clickWhenEnabled(interpolation.getByRole('button', { name: 'Initial → final' }));
  await expect.poll(() => plotValueStatus(interpolation), { timeout: LANDSCAPE_MS }).toBe('ok');
  await expect(page.getByRole('button', { name: 'Interpolate', exact: true })).toBeEnabled({
    timeout: LANDSCAPE_MS,
  });
  const computed = await plotData(page);

  await control(page, 'Optimizer').selectOption('sam');
  for (const input of [...TRAIN_INPUTS, ...ANALYSIS_INPUTS]) await expectRejected(page, input);
  expect(TRAIN_INPUTS.length + ANALYSIS_INPUTS.length).toBeGreaterThanOrEqual(15);

  // Invalid drafts never reached the settings the plots were computed with.
  expect(await plotData(page)).toBe(computed);
});
