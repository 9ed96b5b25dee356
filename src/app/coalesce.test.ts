import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce';

/** A computation whose calls resolve only when the test says so. */
function deferredCompute() {
  const calls: { arg: number; resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const compute = (arg: number) =>
    new Promise<number>((resolve, reject) => calls.push({ arg, resolve, reject }));
  return { calls, compute };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function recorder() {
  const results: { result: number; arg: number; latest: boolean }[] = [];
  const errors: { message: string; arg: number }[] = [];
  return {
    results,
    errors,
    handlers: {
      onResult: (result: number, arg: number, latest: boolean) =>
        results.push({ result, arg, latest }),
      onError: (e: unknown, arg: number) => errors.push({ message: (e as Error).message, arg }),
    },
  };
}

describe('createCoalescer', () => {
  it('evaluates 100 rapid requests made during one call as exactly 2 calls, the last final', async () => {
    const { calls, compute } = deferredCompute();
    const { results, handlers } = recorder();
    const c = createCoalescer(compute, handlers);
    for (let i = 0; i < 100; i++) c.request(i / 100);
    expect(calls.map((x) => x.arg)).toEqual([0]);
    expect(c.busy()).toBe(true);
    calls[0]!.resolve(10);
    await flush();
    expect(calls.map((x) => x.arg)).toEqual([0, 0.99]);
    calls[1]!.resolve(20);
    await c.whenIdle();
    expect(calls).toHaveLength(2);
    // The first result is delivered (readouts follow the drag) but marked as not the latest.
    expect(results).toEqual([
      { result: 10, arg: 0, latest: false },
      { result: 20, arg: 0.99, latest: true },
    ]);
    expect(c.busy()).toBe(false);
  });

  it('never lets an older result arrive after a newer one', async () => {
    const { calls, compute } = deferredCompute();
    const { results, handlers } = recorder();
    const c = createCoalescer(compute, handlers);
    c.request(1);
    c.request(2);
    c.request(3);
    // Resolving the queued call's promise early is impossible: it has not started yet.
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(1);
    await flush();
    c.request(4);
    calls[1]!.resolve(3);
    await flush();
    calls[2]!.resolve(4);
    await c.whenIdle();
    expect(results.map((r) => r.arg)).toEqual([1, 3, 4]);
  });

  it('starts at once again when idle', async () => {
    const { calls, compute } = deferredCompute();
    const c = createCoalescer(compute, recorder().handlers);
    c.request(1);
    calls[0]!.resolve(1);
    await c.whenIdle();
    c.request(2);
    expect(calls.map((x) => x.arg)).toEqual([1, 2]);
  });

  it('surfaces errors with their argument and goes on with the queued request', async () => {
    const { calls, compute } = deferredCompute();
    const { results, errors, handlers } = recorder();
    const c = createCoalescer(compute, handlers);
    c.request(1);
    c.request(2);
    calls[0]!.reject(new Error('boom'));
    await flush();
    calls[1]!.resolve(20);
    await c.whenIdle();
    expect(errors).toEqual([{ message: 'boom', arg: 1 }]);
    expect(results).toEqual([{ result: 20, arg: 2, latest: true }]);
  });

  it('drops the queued request and the in-flight result on cancel', async () => {
    const { calls, compute } = deferredCompute();
    const { results, errors, handlers } = recorder();
    const c = createCoalescer(compute, handlers);
    c.request(1);
    c.request(2);
    c.cancel();
    calls[0]!.reject(new Error('late'));
    await c.whenIdle();
    expect(calls).toHaveLength(1);
    expect(results).toEqual([]);
    expect(errors).toEqual([]);
    c.request(3);
    calls[1]!.resolve(30);
    await c.whenIdle();
    expect(results).toEqual([{ result: 30, arg: 3, latest: true }]);
  });

  it('flush starts the queued request at once and drops the stale result in flight', async () => {
    const { calls, compute } = deferredCompute();
    const { results, errors, handlers } = recorder();
    const c = createCoalescer(compute, handlers);
    c.request(1);
    c.request(2);
    c.request(3);
    c.flush();
    // The release: 3 is computed now, beside the stale 1 still in flight.
    expect(calls.map((x) => x.arg)).toEqual([1, 3]);
    expect(c.busy()).toBe(true);
    // Requests after the release queue behind the new call, not behind the stale one.
    c.request(4);
    calls[0]!.reject(new Error('superseded'));
    await flush();
    expect(calls.map((x) => x.arg)).toEqual([1, 3]);
    calls[1]!.resolve(30);
    await flush();
    expect(calls.map((x) => x.arg)).toEqual([1, 3, 4]);
    calls[2]!.resolve(40);
    await c.whenIdle();
    expect(errors).toEqual([]);
    expect(results).toEqual([
      { result: 30, arg: 3, latest: false },
      { result: 40, arg: 4, latest: true },
    ]);
    expect(c.busy()).toBe(false);
  });

  it('flush leaves a call in flight alone when nothing newer is queued, and does nothing idle', async () => {
    const { calls, compute } = deferredCompute();
    const { results, handlers } = recorder();
    const c = createCoalescer(compute, handlers);
    c.flush();
    expect(calls).toHaveLength(0);
    c.request(1);
    c.flush();
    expect(calls.map((x) => x.arg)).toEqual([1]);
    calls[0]!.resolve(10);
    await c.whenIdle();
    expect(results).toEqual([{ result: 10, arg: 1, latest: true }]);
  });

  it('whenIdle waits for a stale call in flight too', async () => {
    const { calls, compute } = deferredCompute();
    const c = createCoalescer(compute, recorder().handlers);
    c.request(1);
    c.request(2);
    c.flush();
    calls[1]!.resolve(2);
    let idle = false;
    void c.whenIdle().then(() => (idle = true));
    await flush();
    expect(idle).toBe(false);
    calls[0]!.resolve(1);
    await flush();
    expect(idle).toBe(true);
  });
});
