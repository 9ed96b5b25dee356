import { describe, expect, it } from 'vitest';
import { createMetricsBus, type MetricsHistory } from '../../app/metrics-bus';
import type { TrainEvent } from '../../domain/api';
import { lambdaEvent, stepEvent } from './testing/events';
import { createTrackingView } from './tracking-view';

const step = stepEvent(1, 0.1);
const lambda = lambdaEvent(1, 5);

/** A bus, a view on it whose Plotly redraws are recorded, and the messages the view follows. */
function setUp() {
  const bus = createMetricsBus();
  const drawn: MetricsHistory[] = [];
  const view = createTrackingView(
    bus,
    async (_gd, history) => {
      drawn.push(history);
    },
    false,
  );
  view.attach({} as HTMLElement);
  bus.subscribe(view.follow);
  const session = (runId: number, events: TrainEvent[]) => {
    bus.reset(runId);
    const meta = { key: `r${runId}`, name: `Run ${runId}`, color: '#f00', final: false };
    bus.series(runId, meta);
    bus.emit(runId, meta.key, events);
    return () => bus.series(runId, { ...meta, final: true });
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { drawn, view, session, settle };
}

describe('sharpness tracking: canvas while training, Plotly afterwards', () => {
  it('draws no Plotly figure while a run trains, then one when it ends, and hides the canvas', async () => {
    const { drawn, view, session, settle } = setUp();
    const finish = session(1, [step, lambda]);
    await settle();
    expect(view.canvas.shown()).toBe(true);
    expect(drawn).toEqual([]);
    finish();
    await settle();
    expect(drawn.length).toBe(1);
    expect(drawn[0]!.series[0]!.final).toBe(true);
    expect(view.canvas.shown()).toBe(false);
  });

  it('covers the last session’s figure from its reset, without redrawing it', async () => {
    const { drawn, view, session, settle } = setUp();
    session(1, [step, lambda])();
    await settle();
    expect(drawn.length).toBe(1);
    const finish = session(2, [step]);
    await settle();
    expect(view.canvas.shown()).toBe(true);
    expect(drawn.length).toBe(1);
    // The new session measured nothing: the figure is redrawn empty when it ends.
    finish();
    await settle();
    expect(drawn.length).toBe(2);
    expect(drawn[1]!.events.r2).toEqual([step]);
  });

  it('hands over without a redraw when neither session measured λ_max', async () => {
    const { drawn, view, session, settle } = setUp();
    session(1, [step])();
    await settle();
    session(2, [step])();
    await settle();
    expect(drawn).toEqual([]);
    expect(view.canvas.shown()).toBe(false);
  });
});
