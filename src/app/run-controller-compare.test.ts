import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../domain/api';
import { setup, tick } from './testing/engine-stub';

/** A controller whose comparison hook records what it was given, after which worker calls. */
function withHook(status: 'finished' | 'stopped' = 'finished') {
  const handed: RunInfo[][] = [];
  const ctx = setup(status, {
    afterCompare: async (runs) => {
      ctx.calls.push('afterCompare');
      handed.push(runs);
    },
  });
  return { ...ctx, handed };
}

async function compareAll(ctx: ReturnType<typeof withHook>, runs = 4) {
  const done = ctx.controller.compare();
  for (let i = 0; i < runs; i++) {
    await tick();
    ctx.finishTraining();
  }
  await done;
}

describe('RunController: the comparison view’s jobs after a comparison', () => {
  it('hands every compared run to the hook once, before the newest run’s landscape', async () => {
    const ctx = withHook();
    await compareAll(ctx);
    expect(ctx.handed).toHaveLength(1);
    expect(ctx.handed[0]!.map((r) => [r.id, r.name])).toEqual([
      ['run-1', 'SGD'],
      ['run-2', 'SWA'],
      ['run-3', 'SAM'],
      ['run-4', 'WASAM'],
    ]);
    // First, so the view need not wait for the 2D grid; the worker runs one job at a time.
    const order = ctx.calls.filter((c) => ['slice', 'grid', 'afterCompare'].includes(c));
    expect(order).toEqual(['afterCompare', 'slice', 'grid']);
    expect(ctx.store.getState().run.status).toBe('finished');
    expect(ctx.store.getState().landscape.status).toBe('done');
  });

  it('skips the newest run’s landscape when a newer session started during the view’s jobs', async () => {
    const ctx = setup('finished', {
      afterCompare: async () => {
        ctx.store.getState().beginRun(1);
      },
    });
    const done = ctx.controller.compare();
    for (let i = 0; i < 4; i++) {
      await tick();
      ctx.finishTraining();
    }
    await done;
    expect(ctx.calls).not.toContain('slice');
    expect(ctx.store.getState().landscape.status).toBe('idle');
  });

  it('does not run it after a single training run', async () => {
    const ctx = withHook();
    const done = ctx.controller.train();
    await tick();
    ctx.finishTraining();
    await done;
    expect(ctx.handed).toHaveLength(0);
  });

  it('does not run it when the comparison was stopped', async () => {
    const ctx = withHook('stopped');
    const done = ctx.controller.compare();
    await tick();
    await ctx.controller.stop();
    ctx.finishTraining();
    await done;
    expect(ctx.handed).toHaveLength(0);
  });

  it('does not run it for a comparison replaced by a newer session', async () => {
    const ctx = withHook();
    const done = ctx.controller.compare();
    for (let i = 0; i < 3; i++) {
      await tick();
      ctx.finishTraining();
    }
    await tick();
    // A newer session takes over while the last run trains.
    ctx.store.getState().beginRun(1);
    ctx.finishTraining();
    await done;
    expect(ctx.handed).toHaveLength(0);
  });
});
