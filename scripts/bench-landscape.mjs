/* global window, document, MutationObserver */ // functions below run in the page, through page.evaluate
// Real-app probes of the landscape's speed for `npm run bench` (issue 15): the default settings'
// landscape (51-point slice and 21×21 grid on 1,000 + 1,000 evaluation samples) timed from
// "Training finished" until the Landscape progress bar says "… evaluations in …", and the
// "Perturbation t" slider's latency (one ArrowRight to the readout showing the new value), idle
// and while a grid computes; plus the Backend badge's texts (which backend the app picks here,
// and why). Driven through the app's accessible names, as the e2e tests do.

/**
 * The default settings but a short training: the landscape's cost does not depend on it, and its
 * settings (slice 51, grid 21, evaluation samples 1,000 + 1,000, tiny CNN) stay the defaults.
 */
export const LANDSCAPE_QUERY = 'subset=500&epochs=1';

/** Slider steps per latency measurement (the slice's 51 points leave 25 to the right of 0). */
const STEPS = 24;
/** No new slider step after this long (per set of steps). */
const PROBE_BUDGET_MS = 240_000;
/** A step whose readout has not settled after this long ends its set. */
const STEP_MS = 120_000;

/** The Backend badge, its details (adapter) and its notes (skipped backends, evaluation). */
function readBackendBadge() {
  const badge = document.querySelector('[aria-label="Backend"]');
  const indicator = badge?.parentElement?.parentElement;
  const notes = [...(indicator?.querySelectorAll('p') ?? [])].map((p) => p.textContent?.trim());
  const details = badge?.nextElementSibling?.textContent?.trim();
  return {
    badge: badge?.textContent?.trim() ?? null,
    ...(details ? { details } : {}),
    fallback: notes.find((n) => / skipped: | unavailable: /.test(n ?? '')) ?? null,
    evaluation: notes.find((n) => n?.startsWith('Evaluation ')) ?? null,
  };
}

/** The Landscape progress bar's aria-valuetext ('' when there is none). */
function gridText() {
  const bar = document.querySelector('[role="progressbar"][aria-label="Landscape progress"]');
  return bar?.getAttribute('aria-valuetext') ?? '';
}

/**
 * Installed once the slider exists: times each ArrowRight on the "Perturbation t" slider, from the
 * key event (its timeStamp, on the page clock) to the first DOM commit where the readout is no
 * longer busy after having been busy for that key (the store sets `pending` with the new t and
 * clears it when the value for that t arrives), i.e. the readout shows the new value.
 */
function watchProbeSteps() {
  const slider = [...document.querySelectorAll('input[type="range"]')].find(
    (el) => el.labels?.[0]?.textContent?.trim() === 'Perturbation t',
  );
  const readout = document.querySelector('output[aria-label="Loss at perturbed weights"]');
  const box = readout?.parentElement;
  if (!slider || !box) throw new Error('no "Perturbation t" slider or readout');
  const bar = () => document.querySelector('[role="progressbar"][aria-label="Landscape progress"]');
  const step = { keyAt: null, busy: false, settledAt: null, value: null, grid: '' };
  window.__probeStep = step;
  slider.focus();
  slider.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'ArrowRight') return;
      Object.assign(step, { keyAt: e.timeStamp, busy: false, settledAt: null, value: null });
      step.grid = bar()?.getAttribute('aria-valuetext') ?? '';
    },
    true,
  );
  new MutationObserver(() => {
    if (step.keyAt === null || step.settledAt !== null) return;
    if (box.getAttribute('aria-busy') === 'true') step.busy = true;
    else if (step.busy) {
      step.settledAt = performance.now();
      step.value = readout.textContent?.trim() ?? null;
    }
  }).observe(box, {
    attributes: true,
    attributeFilter: ['aria-busy'],
    subtree: true,
    childList: true,
    characterData: true,
  });
}

/** Quantile of ascending `sorted` (linear, as numpy's default). */
function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * p50, p95 and max of slider steps (null when none); with `unanswered` steps (counted at STEP_MS)
 * the figures are lower bounds.
 */
export function latencySummary(steps) {
  if (!steps.length) return null;
  const s = steps.map((x) => x.ms).sort((a, b) => a - b);
  const r = (v) => Math.round(v);
  const unanswered = steps.filter((x) => x.unanswered).length;
  return {
    p50: r(quantile(s, 0.5)),
    p95: r(quantile(s, 0.95)),
    max: r(s.at(-1)),
    n: s.length,
    ...(unanswered ? { unanswered, lowerBound: true } : {}),
  };
}

/**
 * Presses ArrowRight `steps` times, each once the previous step's readout settled (plus a short
 * pause, so steps do not queue behind each other), from t = 0 (Home). Each step records its
 * latency and the grid's progress text at the key press. No step starts after `budgetMs`, and a
 * step unanswered after STEP_MS ends the set: it is kept with STEP_MS as its latency (a lower
 * bound) and `unanswered: true` (a probe that waits behind a whole grid row on the CPU backend
 * can take minutes).
 */
async function probeSteps(page, steps, budgetMs = PROBE_BUDGET_MS) {
  const deadline = Date.now() + budgetMs;
  await page.evaluate(watchProbeSteps);
  const slider = page.getByRole('slider', { name: 'Perturbation t', exact: true });
  await slider.press('Home');
  await page
    .waitForFunction(
      () =>
        document
          .querySelector('output[aria-label="Loss at perturbed weights"]')
          ?.parentElement?.getAttribute('aria-busy') === 'false',
      null,
      { timeout: STEP_MS, polling: 100 },
    )
    .catch(() => undefined);
  const out = [];
  for (let i = 0; i < steps && Date.now() < deadline; i++) {
    await slider.press('ArrowRight');
    const handle = await page
      .waitForFunction(
        () => {
          const s = window.__probeStep;
          return s.settledAt !== null && { ...s, ms: s.settledAt - s.keyAt };
        },
        null,
        { timeout: STEP_MS, polling: 20 },
      )
      .catch(() => null);
    if (!handle) {
      const grid = await page.evaluate(() => window.__probeStep.grid);
      out.push({ ms: STEP_MS, unanswered: true, grid });
      break;
    }
    const s = await handle.jsonValue();
    out.push({ ms: Math.round(s.ms), value: s.value, grid: s.grid });
    await page.waitForTimeout(150);
  }
  return out;
}

const brief = (p) =>
  p?.n
    ? `p50 ${p.p50} ms, p95 ${p.p95} ms, max ${p.max} ms (${p.n} steps${p.unanswered ? `, ${p.unanswered} unanswered after ${STEP_MS / 1000} s` : ''})`
    : 'no steps';

/** Slider steps while the grid computes; the steps taken after it finished are left out. */
async function probesDuringGrid(page) {
  const steps = await probeSteps(page, STEPS);
  const during = steps.filter((s) => /coarse grid|Refining/.test(s.grid));
  const summary = latencySummary(during);
  return { ...summary, stepsAfterGrid: steps.length - during.length, steps };
}

/** performance.now() on the page once `predicate` (polled every `polling` ms) holds. */
async function pageTimeWhen(page, predicate, arg, timeoutMs, polling = 100) {
  const handle = await page.waitForFunction(predicate, arg, { timeout: timeoutMs, polling });
  return handle.jsonValue();
}

/** Opens the app, waits for a backend and the Train button, clicks it, waits for the run's end. */
async function train(page, url, timeoutMs) {
  await page.goto(url);
  await pageTimeWhen(
    page,
    () => {
      const badge = document.querySelector('[aria-label="Backend"]')?.textContent ?? '';
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Train',
      );
      return /webgpu|webgl|cpu/i.test(badge) && button && !button.disabled;
    },
    null,
    timeoutMs,
  );
  const choice = await page.evaluate(readBackendBadge);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const finished = await pageTimeWhen(
    page,
    () => {
      const m = document.body.textContent?.match(/Training (finished|failed|stopped)/)?.[1];
      return m && { m, at: performance.now() };
    },
    null,
    timeoutMs,
    100,
  );
  if (finished.m !== 'finished') throw new Error(`the app reported: Training ${finished.m}`);
  return { choice, trainedAt: finished.at };
}

/** The page clock once the "Perturbation t" slider is enabled, i.e. the slice is drawn. */
const sliderReady = () => {
  const slider = [...document.querySelectorAll('input[type="range"]')].find(
    (el) => el.labels?.[0]?.textContent?.trim() === 'Perturbation t',
  );
  return slider && !slider.disabled && performance.now();
};

/**
 * One backend of the app (`backend`: 'auto' for the app's own choice, else forced through
 * `?backend=`): the landscape's wall clock and the idle probes on one page, the probes during a
 * grid on a second one (the same run again, probed as soon as its slice is drawn).
 * @param {import('@playwright/test').Browser} browser
 */
export async function probeLandscape(browser, baseUrl, { backend, landscapeMs, timeoutMs }) {
  const query = backend === 'auto' ? LANDSCAPE_QUERY : `${LANDSCAPE_QUERY}&backend=${backend}`;
  const url = `${baseUrl}/?${query}`;
  const out = { backend, url };
  const log = (what) => console.log(`  [landscape ${backend}] ${what}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const { choice, trainedAt } = await train(page, url, timeoutMs);
    out.choice = choice;
    log(`backend ${JSON.stringify(choice)}`);
    const sliceAt = await pageTimeWhen(page, sliderReady, null, landscapeMs);
    out.slice_s = Number(((sliceAt - trainedAt) / 1000).toFixed(2));
    log(
      `slice drawn after ${out.slice_s} s; waiting for the grid (at most ${landscapeMs / 1000} s)`,
    );
    try {
      const done = await pageTimeWhen(
        page,
        () => {
          const bar = document.querySelector(
            '[role="progressbar"][aria-label="Landscape progress"]',
          );
          const text = bar?.getAttribute('aria-valuetext') ?? '';
          return /evaluations in/.test(text) && { text, at: performance.now() };
        },
        null,
        Math.max(1000, landscapeMs - (sliceAt - trainedAt)),
        250,
      );
      out.landscape_s = Number(((done.at - trainedAt) / 1000).toFixed(2));
      out.gridText = done.text;
      log(`landscape in ${out.landscape_s} s: ${done.text}`);
    } catch {
      out.landscape_s = null;
      out.error = `the landscape did not finish within ${landscapeMs / 1000} s of "Training finished"`;
      out.gridText = await page.evaluate(gridText);
      log(`${out.error} (${out.gridText})`);
    }
    if (out.landscape_s === null) {
      // Still computing: the probes on this page are the probes during a grid.
      out.probeDuringGrid = await probesDuringGrid(page);
      log(`probes during the grid: ${brief(out.probeDuringGrid)}`);
      return out;
    }
    const idle = await probeSteps(page, STEPS);
    out.probeIdle = { ...latencySummary(idle), steps: idle };
    log(`idle probes: ${brief(out.probeIdle)}`);
    await page.close();

    // The same run on a fresh page: its slider is usable once the slice is drawn, while the grid
    // of the same job computes (a 21×21 grid on 1,000 + 1,000 samples: seconds to minutes).
    const busy = await context.newPage();
    await train(busy, url, timeoutMs);
    await pageTimeWhen(busy, sliderReady, null, landscapeMs);
    out.probeDuringGrid = await probesDuringGrid(busy);
    log(`probes during the grid: ${brief(out.probeDuringGrid)}`);
  } catch (err) {
    out.error = String(err?.message ?? err).split('\n')[0];
    log(`failed: ${out.error}`);
  } finally {
    await context.close();
  }
  return out;
}
