import { expect, type Locator, type Page } from '@playwright/test';

// Everything runs on SwiftShader (a CPU implementation of the GPU), so even a 64-sample run and a
// 5x5 landscape take minutes where a real GPU needs seconds.
export const BACKEND_READY_MS = 90_000;
export const TRAINING_MS = 8 * 60_000;
export const LANDSCAPE_MS = 8 * 60_000;
export const READOUT_MS = 2 * 60_000;

/** Accessible names of every settings control, fixed by the spec. */
export const CONTROL_LABELS = [
  'Dataset',
  'Training subset',
  'Model',
  'Optimizer',
  'Learning rate',
  'Batch size',
  'Epochs',
  'Seed',
] as const;

export const PLOT_NAMES = ['Training curves', '1D loss slice', '2D loss landscape'] as const;

export function appUrl(params: Record<string, string>): string {
  return `/?${new URLSearchParams(params).toString()}`;
}

/**
 * Collects console errors, uncaught page errors and every request for the whole test.
 * Worker console messages arrive on the page too, so errors inside the engine are caught.
 */
export type Watched = { errors: string[]; requests: string[]; checked: boolean };

export function watchPage(page: Page): Watched {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    // A failed request (a 404 included, e.g. a missing icon) is logged as a console error too.
    if (message.type() !== 'error') return;
    errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  // The context sees worker requests as well as the page's own.
  page.context().on('request', (request) => requests.push(request.url()));
  return { errors, requests, checked: false };
}

/** The app must not reach outside its own origin: no CDN, fonts, analytics or data downloads. */
export function foreignRequests(requests: string[], baseURL: string): string[] {
  const origin = new URL(baseURL).origin;
  return requests.filter(
    (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
  );
}

const CONTROL_ROLES = ['combobox', 'spinbutton', 'textbox', 'slider', 'listbox'] as const;

/**
 * The control with this accessible name. getByLabel alone is not enough: for a <select> wrapped
 * in its <label>, Playwright matches the label's whole text ("Dataset MNIST"), while the
 * accessible name is just "Dataset"; asking by role as well accepts either markup.
 */
export function control(page: Page, label: string): Locator {
  return CONTROL_ROLES.reduce(
    (found, role) => found.or(page.getByRole(role, { name: label, exact: true })),
    page.getByLabel(label, { exact: true }),
  );
}

/**
 * True when the control is named by a rendered <label> or aria-labelledby element that shows the
 * text, rather than only by an invisible aria-label.
 */
export async function hasVisibleLabel(field: Locator, label: string): Promise<boolean> {
  return field.evaluate((el, text) => {
    const ids = el.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
    const byId = ids.map((id) => document.getElementById(id));
    const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []) : [];
    return [...labels, ...byId].some(
      (node) => node !== null && node.checkVisibility() && (node.textContent ?? '').includes(text),
    );
  }, label);
}

/** One assertion for both, so a failure shows every stray error and request at once. */
export function expectCleanRun(watched: Watched, baseURL: string | undefined): void {
  watched.checked = true;
  expect({
    errors: watched.errors,
    foreignRequests: foreignRequests(watched.requests, baseURL ?? ''),
  }).toEqual({ errors: [], foreignRequests: [] });
  // Guards the request check itself: seeing no requests at all would mean it saw nothing.
  expect(watched.requests.length).toBeGreaterThan(0);
}

/** Sets a labelled control whether the UI made it a text/number input or a select. */
export async function setControl(page: Page, label: string, value: string): Promise<void> {
  const field = control(page, label);
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'select') {
    await field.selectOption(value);
  } else {
    await field.fill(value);
    // Some inputs commit on blur/change rather than on every keystroke.
    await field.press('Tab');
  }
  await expect(field).toHaveValue(value);
}

export type Backend = 'webgpu' | 'webgl' | 'cpu';

export async function expectBackend(page: Page, name: Backend): Promise<void> {
  // Retried: the indicator may read "initialising" until the worker has picked its backend.
  await expect(page.getByLabel('Backend', { exact: true })).toContainText(name, {
    ignoreCase: true,
    timeout: BACKEND_READY_MS,
  });
}

export function trainButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Train', exact: true });
}

/** Clicks `button` once it is enabled: actions wait for the worker to pick its backend. */
export async function clickWhenEnabled(button: Locator): Promise<void> {
  await expect(button).toBeEnabled({ timeout: BACKEND_READY_MS });
  await button.click();
}

/** Starts the four-run comparison (SGD, SWA, SAM, WASAM) from its button. */
export async function startCompare(page: Page): Promise<void> {
  await clickWhenEnabled(page.getByRole('button', { name: 'Compare optimizers', exact: true }));
}

/** Starts a run from the Train button and waits until the status says training finished. */
export async function trainAndWait(page: Page, timeout = TRAINING_MS): Promise<void> {
  await clickWhenEnabled(trainButton(page));
  try {
    await expect(page.getByText('Training finished').first()).toBeVisible({ timeout });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await pageSays(page)}`, { cause: error });
  }
}

/** What the page's status lines and alerts say, for a failure message. */
async function pageSays(page: Page): Promise<string> {
  const texts = await page
    .locator('[role="status"], [role="alert"]')
    .allInnerTexts()
    .catch((e: unknown) => [`(unreadable: ${String(e)})`]);
  const said = texts.map((t) => t.trim()).filter(Boolean);
  return `The page said: ${said.length ? said.join(' | ') : '(nothing)'}`;
}

/** The labelled region (or figure) that holds one plot. */
export function plotArea(page: Page, name: (typeof PLOT_NAMES)[number]): Locator {
  return page
    .getByRole('region', { name, exact: true })
    .or(page.getByRole('figure', { name, exact: true }))
    .first();
}

/**
 * Summarises the y and z values Plotly actually holds for a plot: "ok" when there is more than
 * one value and all are finite, otherwise a description that ends up in the failure message.
 */
export async function plotValueStatus(area: Locator): Promise<string> {
  const graph = area.locator('.js-plotly-plot').first();
  if ((await graph.count()) === 0) return 'no .js-plotly-plot yet';
  return graph.evaluate((el) => {
    type Trace = { y?: ArrayLike<unknown>; z?: ArrayLike<unknown> };
    const traces = ((el as unknown as { data?: Trace[] }).data ?? []) as Trace[];
    // z is a matrix for contour/surface traces, y a flat array for line traces.
    const flatten = (values: ArrayLike<unknown> | undefined): unknown[] =>
      Array.from(values ?? []).flatMap((v) =>
        v !== null && typeof v === 'object' && 'length' in v
          ? Array.from(v as ArrayLike<unknown>)
          : [v],
      );
    const values = traces.flatMap((trace) => [...flatten(trace.y), ...flatten(trace.z)]);
    const bad = values.filter((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (values.length < 2) return `only ${values.length} value(s) in ${traces.length} trace(s)`;
    if (bad.length > 0)
      return `${bad.length} of ${values.length} values not finite, e.g. ${String(bad[0])}`;
    return 'ok';
  });
}

export async function expectFinitePlot(
  page: Page,
  name: (typeof PLOT_NAMES)[number],
  timeout: number,
): Promise<void> {
  const area = plotArea(page, name);
  await expect(area).toBeVisible({ timeout });
  await expect
    .poll(() => plotValueStatus(area), { message: `${name} has finite values`, timeout })
    .toBe('ok');
}

/** Parses the number shown by a readout; NaN when it shows anything else. */
export function parseReadout(text: string | null): number {
  const match = /[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/i.exec(text ?? '');
  if (!match || /nan|inf/i.test(text ?? '')) return Number.NaN;
  return Number(match[0]);
}

/** The readout's number once it is settled (not evaluating) and finite; NaN until then. */
export async function settledValue(readout: Locator): Promise<number> {
  const busy = await readout.locator('xpath=..').getAttribute('aria-busy');
  return busy === 'false' ? parseReadout(await readout.textContent()) : Number.NaN;
}

/** Waits until the readout settles on a finite number, and returns it. */
export async function expectSettled(
  readout: Locator,
  message = 'readout settles',
): Promise<number> {
  await expect.poll(() => settledValue(readout), { message, timeout: READOUT_MS }).not.toBeNaN();
  return settledValue(readout);
}

/** The runs list's items, one per run the worker keeps. */
export function runItems(page: Page): Locator {
  return page.getByRole('list', { name: 'Runs', exact: true }).getByRole('listitem');
}

export interface PlotTrace {
  name: string;
  color: string | undefined;
  legend: boolean;
  x: number[];
  y: number[];
}

/** The line traces Plotly holds for the plot in `area` (empty before it is drawn). */
export async function plotTraces(area: Locator): Promise<PlotTrace[]> {
  const graph = area.locator('.js-plotly-plot').first();
  if ((await graph.count()) === 0) return [];
  return graph.evaluate((el) => {
    type Trace = {
      name?: string;
      showlegend?: boolean;
      line?: { color?: string };
      x?: ArrayLike<number>;
      y?: ArrayLike<number>;
    };
    const data = ((el as unknown as { data?: Trace[] }).data ?? []) as Trace[];
    return data.map((t) => ({
      name: String(t.name),
      color: t.line?.color,
      legend: t.showlegend === true,
      x: Array.from(t.x ?? []),
      y: Array.from(t.y ?? []),
    }));
  });
}

/**
 * The axis titles of the plot in `area` as Plotly holds them (`xaxis`, `yaxis`, `yaxis2`, … and a
 * 3D scene's), so the check does not depend on which of them are drawn on screen.
 */
export async function plotAxisTitles(area: Locator): Promise<Record<string, string>> {
  const graph = area.locator('.js-plotly-plot').first();
  if ((await graph.count()) === 0) return {};
  return graph.evaluate((el) => {
    type Axis = { title?: string | { text?: string } };
    const layout = ((el as unknown as { layout?: Record<string, unknown> }).layout ?? {}) as Record<
      string,
      unknown
    >;
    const scene = (layout.scene ?? {}) as Record<string, unknown>;
    const titles: Record<string, string> = {};
    const collect = (axes: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(axes)) {
        if (!/^[xyz]axis\d*$/.test(key) || value === null || typeof value !== 'object') continue;
        const title = (value as Axis).title;
        const text = typeof title === 'string' ? title : title?.text;
        if (text) titles[`${prefix}${key}`] = text;
      }
    };
    collect(layout, '');
    collect(scene, 'scene.');
    return titles;
  });
}

/** Polls until the plot in `area` (any labelled locator) holds only finite values. */
export async function expectFiniteValues(
  area: Locator,
  what: string,
  timeout: number,
): Promise<void> {
  await expect(area).toBeVisible({ timeout });
  await expect
    .poll(() => plotValueStatus(area), { message: `${what} has finite values`, timeout })
    .toBe('ok');
}
