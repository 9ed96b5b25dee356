/* global window, document, MutationObserver */ // functions below run in the page, through page.evaluate
// Real-app probes for `npm run bench`: page load to interactive, and main-thread long tasks
// (PerformanceObserver 'longtask', i.e. tasks over 50 ms) while training and while dragging the
// "Perturbation t" slider. Driven through the app's accessible names, as the e2e tests do.

/**
 * Installed before any page script: collects every long task of the page, and every long
 * animation frame (Chromium's Long Animation Frames API) with the scripts that ran in it, which
 * is what attributes a long task to its cause (who invoked what, from which bundle chunk, and how
 * much of the frame was style, layout and paint rather than script).
 */
function observeLongTasks() {
  window.__longTasks = [];
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // name: 'self' for this frame's own event loop; anything else names whose task it was.
      window.__longTasks.push({ start: e.startTime, duration: e.duration, name: e.name });
    }
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longFrames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: e.scripts.map((sc) => ({
            start: sc.startTime,
            duration: sc.duration,
            invoker: sc.invoker,
            invokerType: sc.invokerType,
            source: `${sc.sourceURL.split('/').pop()}:${sc.sourceCharPosition}`,
            fn: sc.sourceFunctionName,
            layout: sc.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames API: long tasks are still counted, just not attributed.
  }
}

/**
 * The long animation frames overlapping each long task: per task, the scripts that ran in the
 * frame (invoker and source) and the frame's render time (style, layout, paint after scripts).
 */
function attribute(tasks, frames) {
  return tasks.map((t) => {
    const end = t.start + t.duration;
    const frame = frames.find((f) => f.start <= end && f.start + f.duration >= t.start);
    if (!frame) return { start: Math.round(t.start), ms: Math.round(t.duration), name: t.name };
    const scripts = frame.scripts
      .filter((sc) => sc.start <= end && sc.start + sc.duration >= t.start)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 4)
      .map((sc) => ({
        ms: Math.round(sc.duration),
        invoker: sc.invoker,
        source: sc.source,
        ...(sc.fn ? { fn: sc.fn } : {}),
        ...(sc.layout > 1 ? { forcedLayoutMs: Math.round(sc.layout) } : {}),
      }));
    const frameEnd = frame.start + frame.duration;
    const renderMs = frame.renderStart > 0 ? Math.round(frameEnd - frame.renderStart) : 0;
    return { start: Math.round(t.start), ms: Math.round(t.duration), renderMs, scripts };
  });
}

/** Long tasks that started within [from, to] (page clock, ms since navigation start). */
async function longTasksBetween(page, from, to) {
  const { tasks, frames } = await page.evaluate(
    ([a, b]) => ({
      tasks: window.__longTasks.filter((t) => t.start >= a && t.start <= b),
      frames: window.__longFrames.filter((f) => f.start + f.duration >= a && f.start <= b),
    }),
    [from, to],
  );
  const durations = tasks.map((t) => Math.round(t.duration));
  return {
    count: tasks.length,
    maxMs: durations.length ? Math.max(...durations) : 0,
    totalMs: durations.reduce((s, d) => s + d, 0),
    durations: durations.slice(0, 50),
    windowMs: Math.round(to - from),
    attribution: attribute(tasks.slice(0, 30), frames),
  };
}

const pageNow = (page) => page.evaluate(() => performance.now());

/** Milliseconds from navigation start until the Train button is enabled and a backend is named. */
async function measureLoad(page, timeoutMs) {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.waitFor({ timeout: timeoutMs });
  const backendLabel = page.getByLabel('Backend', { exact: true });
  const ready = await page.waitForFunction(
    () => {
      const el = document.querySelector('[aria-label="Backend"]');
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Train',
      );
      return /webgpu|webgl|cpu/i.test(el?.textContent ?? '') && button && !button.disabled
        ? performance.now()
        : false;
    },
    null,
    { timeout: timeoutMs, polling: 50 },
  );
  const nav = await page.evaluate(() => {
    const [n] = performance.getEntriesByType('navigation');
    return n ? { domContentLoadedMs: n.domContentLoadedEventEnd, loadMs: n.loadEventEnd } : {};
  });
  return {
    ...nav,
    interactiveMs: Math.round(await ready.jsonValue()),
    backend: (await backendLabel.textContent())?.trim(),
  };
}

/**
 * Records in the page when a text matching `pattern` first appears (the moment, not when a poll
 * sees it): only changed text nodes and added nodes are read, so observing costs the page little.
 */
function markWhenText(pattern) {
  const re = new RegExp(pattern);
  window.__textSeenAt = null;
  const seen = (node) => re.test(node?.textContent ?? '');
  const observer = new MutationObserver((records) => {
    const hit = records.some((r) =>
      r.type === 'characterData' ? seen(r.target) : [...r.addedNodes].some(seen),
    );
    if (!hit) return;
    window.__textSeenAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

/**
 * Clicks Train and waits for "Training finished". Returns the long tasks from the click until the
 * status says so, and separately those of the next `afterMs` (the figures taking over from their
 * live canvases, and the panels that follow a finished run).
 */
async function measureTraining(page, timeoutMs, afterMs = 3000) {
  await page.evaluate(markWhenText, 'Training (finished|failed|stopped)');
  const from = await pageNow(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // A failed run says so at once; waiting the full timeout for "finished" would only hide why.
  // Polled from a cheap textContent check every 250 ms: a text locator walks and normalises the
  // whole DOM on every animation frame, which showed up in the page's own long tasks.
  const end = await page.waitForFunction(
    () => document.body.textContent?.match(/Training (finished|failed|stopped)[^.]{0,200}/)?.[0],
    null,
    { timeout: timeoutMs, polling: 250 },
  );
  const message = String(await end.jsonValue());
  if (!message.includes('finished')) throw new Error(`the app reported: ${message.slice(0, 200)}`);
  const finishedAt = (await page.evaluate(() => window.__textSeenAt)) ?? (await pageNow(page));
  await page.waitForTimeout(afterMs);
  const during = await longTasksBetween(page, from, finishedAt);
  const after = await longTasksBetween(page, finishedAt + 0.001, finishedAt + afterMs);
  return { ...during, afterTraining: { ...after, windowMs: afterMs } };
}

/**
 * Drags the slider across its whole range with the mouse (many input events, each asking the
 * worker for a point), then waits for the readout to settle; returns that window's long tasks.
 */
async function measureSliderDrag(page, timeoutMs) {
  const slider = page.getByRole('slider', { name: 'Perturbation t', exact: true });
  await page.waitForFunction(
    () => {
      const s = [...document.querySelectorAll('input[type="range"]')];
      return s.length > 0 && s.every((el) => !el.disabled);
    },
    null,
    { timeout: timeoutMs, polling: 500 },
  );
  // The 2D landscape is drawn after the slice, coarse first and then refined; let it finish
  // ("N evaluations in …") so its final draw is not counted as part of the drag.
  await page
    .getByRole('region', { name: '2D loss landscape', exact: true })
    .getByText(/evaluations in/)
    .first()
    .waitFor({ timeout: timeoutMs })
    .catch(() => undefined);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  if (!box) throw new Error('the slider has no bounding box');
  const y = box.y + box.height / 2;
  const from = await pageNow(page);
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / 30, y);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
  const readout = page.getByLabel('Loss at perturbed weights', { exact: true });
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
      timeout: timeoutMs,
      polling: 100,
    })
    .catch(() => undefined);
  const result = await longTasksBetween(page, from, await pageNow(page));
  return { ...result, readout: (await readout.textContent())?.trim() };
}

/**
 * Runs the real app (served at `baseUrl`) through load, a tiny training run and a slider drag.
 * Each phase reports on its own; a phase that fails (e.g. the UI is unfinished) says why.
 * @param {import('@playwright/test').Browser} browser
 */
export async function probeApp(browser, baseUrl, { query, timeoutMs }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(observeLongTasks);
  const page = await context.newPage();
  if (process.env.PAGE_LOG)
    page.on(
      'console',
      (m) => m.text().startsWith(process.env.PAGE_LOG) && console.log('PAGE', m.text()),
    );
  const out = { url: `${baseUrl}/?${query}` };
  const phase = async (name, fn) => {
    try {
      out[name] = await fn();
    } catch (err) {
      out[name] = { error: String(err?.message ?? err).split('\n')[0] };
    }
    console.log(`  [app] ${name}: ${JSON.stringify(out[name]).slice(0, 200)}`);
    return !out[name].error;
  };
  try {
    await page.goto(out.url);
    if (await phase('load', () => measureLoad(page, timeoutMs))) {
      if (await phase('training', () => measureTraining(page, timeoutMs))) {
        await phase('slider', () => measureSliderDrag(page, timeoutMs));
      }
    }
  } finally {
    await context.close();
  }
  const measured = ['training', 'slider'].every((k) => out[k] && !out[k].error);
  out.long_tasks_over_50ms = measured ? out.training.count + out.slider.count : null;
  return out;
}
