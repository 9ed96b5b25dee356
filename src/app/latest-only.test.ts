import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

/** A computation whose calls resolve only when the test says so. */
function deferredCompute() {
  const calls: { arg: number; resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const compute = (arg: number) =>
    new Promise<number>((resolve, reject) => calls.push({ arg, resolve, reject }));
  return { calls, compute };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('latestOnly', () => {
  it('computes only the newest request that arrived while one was in flight', async () => {
    const { calls, compute } = deferredCompute();
    const results: number[] = [];
    const runner = latestOnly(compute, {
      onResult: (r) => results.push(r),
      onError: () => undefined,
    });
    runner.request(1);
    runner.request(2);
    runner.request(3);
    runner.request(4);
    expect(calls.map((c) => c.arg)).toEqual([1]);
    expect(runner.busy()).toBe(true);
    calls[0]!.resolve(10);
    await flush();
    expect(calls.map((c) => c.arg)).toEqual([1, 4]);
    calls[1]!.resolve(40);
    await flush();
    expect(results).toEqual([10, 40]);
    expect(runner.busy()).toBe(false);
  });

  it('starts immediately again once idle', async () => {
    const { calls, compute } = deferredCompute();
    const runner = latestOnly(compute, { onResult: () => undefined, onError: () => undefined });
    runner.request(1);
    calls[0]!.resolve(1);
    await flush();
    runner.request(2);
    expect(calls.map((c) => c.arg)).toEqual([1, 2]);
  });

  it('reports errors with their argument and keeps going with the queued request', async () => {
    const { calls, compute } = deferredCompute();
    const errors: number[] = [];
    const results: number[] = [];
    const runner = latestOnly(compute, {
      onResult: (r) => results.push(r),
      onError: (_e, arg) => errors.push(arg),
    });
    runner.request(1);
    runner.request(2);
    calls[0]!.reject(new Error('boom'));
    await flush();
    calls[1]!.resolve(20);
    await flush();
    expect(errors).toEqual([1]);
    expect(results).toEqual([20]);
  });
});
