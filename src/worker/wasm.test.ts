import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { describeWasm, startBackendWithin, threadsPlan } from './wasm';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A backend whose start takes `ms`: only its registry entry matters here, never its kernels. */
function registerSlow(name: string, ms: number): void {
  tf.registerBackend(name, async () => {
    await sleep(ms);
    return {} as tf.KernelBackend;
  });
}

async function threeOnActive(): Promise<number> {
  const sum = tf.add(tf.scalar(1), tf.scalar(2));
  const value = (await sum.data())[0] ?? NaN;
  sum.dispose();
  return value;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('startBackendWithin', () => {
  it('starts a backend in time and leaves the active one as it was', async () => {
    registerSlow('quick-start', 5);
    expect(await startBackendWithin('quick-start', 2_000)).toBe(true);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.engine().findBackend('quick-start')).not.toBeNull();
    expect(await threeOnActive()).toBe(3);
  });

  it('retires a start that times out, so its late completion changes nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const cpu = tf.engine().findBackend('cpu');
    registerSlow('slow-start', 150);
    expect(await startBackendWithin('slow-start', 10)).toBe(false);
    // Right after the timeout ops run on the CPU (a pending start would make them throw) ...
    expect(tf.getBackend()).toBe('cpu');
    expect(await threeOnActive()).toBe(3);
    // ... and still after the slow start has completed: its instance never becomes the active one.
    await sleep(300);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.engine().backend).toBe(cpu);
    expect(await threeOnActive()).toBe(3);
    expect(warn).toHaveBeenCalledWith('The slow-start backend did not start within 0.01 s.');
    warn.mockRestore();
  });
});

describe('threads', () => {
  it('are started only where the page is isolated and TF.js would run more than one', () => {
    expect(threadsPlan(false, 16)).toBe('the page is not cross-origin isolated');
    // TF.js runs half the logical cores: 2 or 3 give one thread.
    expect(threadsPlan(true, 2)).toBe('2 logical cores');
    expect(threadsPlan(true, 3)).toBe('3 logical cores');
    expect(threadsPlan(true, 4)).toBeNull();
    expect(threadsPlan(true, 16)).toBeNull();
  });

  it('are named in the description, with the reason where there is one', () => {
    expect(describeWasm({ simd: true, threads: 4 })).toBe('wasm (XNNPACK, SIMD, 4 threads)');
    expect(describeWasm({ simd: true, threads: 1, oneThreadWhy: '2 logical cores' })).toBe(
      'wasm (XNNPACK, SIMD, 1 thread: 2 logical cores)',
    );
    expect(describeWasm({ simd: false, threads: 1 })).toBe('wasm (XNNPACK, 1 thread)');
  });
});
