/**
 * Measurements for the perturbation drag (e2e/perturb.spec.ts): long tasks seen by a
 * PerformanceObserver, the main thread's tasks with their CPU time from a Chrome trace, and when
 * the readout changed relative to the release and to the worker's result.
 */
import type { Browser, Page } from '@playwright/test';

// Set by the landscape controller when a 2D probe's value reaches the UI thread.
const RESULT_MARK = 'flatland:probe2d-result';
const START_MARK = 'perturb:drag-start';

export interface LongTask {
  start: number;
  duration: number;
}

export interface DragRecording {
  /** Value changes of the dragged slider (input events) and the drag's length. */
  inputs: number;
  dragMs: number;
  longTasks: LongTask[];
  releaseToReadoutMs: number;
  resultToReadoutMs: number;
  finalText: string;
  /** performance.now() of the start mark, to line the page's clock up with the trace's. */
  startMark: number;
}

/** Records long tasks, readout changes, the slider's input events and the release from now on. */
export async function startRecording(page: Page, readoutLabel: string, sliderLabel: string) {
  await page.evaluate(
    ([readoutName, sliderName, mark]) => {
      const rec = {
        longTasks: [] as { start: number; duration: number }[],
        changes: [] as { at: number; text: string }[],
        inputs: [] as number[],
        release: 0,
        startMark: performance.mark(mark!).startTime,
      };
      (window as unknown as { __perturb: typeof rec }).__perturb = rec;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          rec.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      const readout = document.querySelector(`[aria-label="${readoutName}"]`)!;
      new MutationObserver(() =>
        rec.changes.push({ at: performance.now(), text: readout.textContent ?? '' }),
      ).observe(readout, { childList: true, characterData: true, subtree: true });
      const labels = Array.from(document.querySelectorAll('label'));
      const input = labels.find((l) => l.textContent === sliderName)?.control;
      input?.addEventListener('input', () => rec.inputs.push(performance.now()));
      document.addEventListener('pointerup', () => (rec.release = performance.now()), true);
    },
    [readoutLabel, sliderLabel, START_MARK],
  );
}

export async function readRecording(page: Page): Promise<DragRecording> {
  return page.evaluate((mark) => {
    type Rec = {
      longTasks: { start: number; duration: number }[];
      changes: { at: number; text: string }[];
      inputs: number[];
      release: number;
      startMark: number;
    };
    const rec = (window as unknown as { __perturb: Rec }).__perturb;
    const first = rec.inputs[0] ?? Number.NaN;
    const last = rec.changes[rec.changes.length - 1];
    const result = performance.getEntriesByName(mark).at(-1)?.startTime ?? Number.NaN;
    return {
      inputs: rec.inputs.length,
      dragMs: rec.release - first,
      longTasks: rec.longTasks.filter((t) => t.start + t.duration >= rec.startMark),
      // A readout that changed last before the release already showed the final value then.
      releaseToReadoutMs: Math.max(0, (last?.at ?? Number.NaN) - rec.release),
      resultToReadoutMs: (last?.at ?? Number.NaN) - result,
      finalText: last?.text ?? '',
      startMark: rec.startMark,
    };
  }, RESULT_MARK);
}

/** One task of the page's main thread: start (µs, trace clock), wall and CPU time (ms). */
export interface MainTask {
  ts: number;
  wallMs: number;
  cpuMs: number;
}

export async function startCpuTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The renderer main thread's tasks and the trace time (µs) of the drag's start mark. */
export async function stopCpuTrace(
  browser: Browser,
): Promise<{ tasks: MainTask[]; markTs: number }> {
  const events = (
    JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
  ).traceEvents;
  const mark = events.find((e) => e.name === START_MARK);
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
  return { tasks, markTs: mark?.ts ?? Number.NaN };
}

/**
 * The trace task behind each long task the observer saw (page clock → trace clock through the
 * start mark), so a long task can be told apart as work (CPU time) or waiting for a CPU core.
 */
export function explainLongTasks(
  longTasks: LongTask[],
  trace: { tasks: MainTask[]; markTs: number },
  startMark: number,
): { wallMs: number; cpuMs: number | null }[] {
  return longTasks.map((t) => {
    const ts = trace.markTs + (t.start - startMark) * 1000;
    // The observer coarsens its times; the nearest long trace task within 5 ms is the same task.
    const near = trace.tasks
      .filter((task) => task.wallMs >= 50 && Math.abs(task.ts - ts) < 5000)
      .sort((x, y) => Math.abs(x.ts - ts) - Math.abs(y.ts - ts));
    return { wallMs: t.duration, cpuMs: near[0]?.cpuMs ?? null };
  });
}
