import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError, isCancelledError } from '../domain/cancel';
import type { FlatlandWorkerApi, Progress, RunImport, TrainEvent } from '../domain/api';
import { CLIENT_METHODS, forwardTo } from './worker-client';

/**
 * The client over a real Comlink channel (a MessageChannel standing in for the worker), with a
 * fake of the few methods a test calls: callbacks, transfers and errors cross as in the app.
 */
function connect(fake: Partial<FlatlandWorkerApi>) {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(fake, port1);
  const remote = Comlink.wrap<FlatlandWorkerApi>(port2);
  const close = () => {
    remote[Comlink.releaseProxy]();
    port1.close();
    port2.close();
  };
  return { client: forwardTo(remote), close };
}

let close = () => {};
afterEach(() => close());

const EPOCH = { kind: 'epoch', epoch: 1 } as unknown as TrainEvent;

describe('the worker client', () => {
  it('has exactly the contract’s 33 methods, each forwarded', () => {
    expect(new Set(CLIENT_METHODS).size).toBe(33);
    const c = connect({});
    close = c.close;
    expect(Object.keys(c.client).sort()).toEqual([...CLIENT_METHODS].sort());
  });

  it('passes callbacks as proxies the worker calls back, and returns the result', async () => {
    const seen: Progress[] = [];
    const c = connect({
      slice1d: async (_config, onProgress) => {
        await onProgress({ done: 1, total: 2 });
        await onProgress({ done: 2, total: 2 });
        return { t: [0] } as never;
      },
      train: async (_config, onEvents) => {
        await onEvents([EPOCH]);
        return { status: 'finished' } as never;
      },
    });
    close = c.close;
    const events: TrainEvent[][] = [];
    expect(await c.client.slice1d({} as never, (p) => seen.push(p))).toEqual({ t: [0] });
    expect(seen).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    expect(await c.client.train({} as never, (e) => events.push(e))).toEqual({
      status: 'finished',
    });
    expect(events).toEqual([[EPOCH]]);
  });

  it('leaves an absent optional callback absent (the grid without a coarse pass)', async () => {
    let coarse: unknown = 'unset';
    const c = connect({
      grid2d: async (_config, _onProgress, onCoarse) => {
        coarse = onCoarse;
        return {} as never;
      },
    });
    close = c.close;
    await c.client.grid2d({} as never, () => {});
    expect(coarse).toBeUndefined();
  });

  it('transfers an import’s weights instead of copying them', async () => {
    let received = 0;
    const c = connect({
      importRun: async (run) => {
        received = run.weights.final!.length;
        return { id: 'r1' } as never;
      },
    });
    close = c.close;
    const final = new Float32Array([1, 2, 3]);
    const run = { weights: { checkpoints: [], final, state: null } } as unknown as RunImport;
    await c.client.importRun(run);
    expect(received).toBe(3);
    expect(final.buffer.byteLength).toBe(0); // detached: it moved to the worker
  });

  it('rejects with an error the UI recognises as a cancellation', async () => {
    const c = connect({
      sharpness: async () => {
        throw new CancelledError();
      },
    });
    close = c.close;
    const failure = await c.client.sharpness({} as never, () => {}).catch((e: unknown) => e);
    expect(isCancelledError(failure)).toBe(true);
  });
});
