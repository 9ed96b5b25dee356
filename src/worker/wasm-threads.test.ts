import { afterEach, describe, expect, it, vi } from 'vitest';

const factory = vi.fn((config: Record<string, unknown>) => config);
vi.mock('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js', () => ({
  default: factory,
}));

afterEach(() => {
  vi.unstubAllGlobals();
  factory.mockClear();
});

describe('the threaded factory', () => {
  it("hands TF.js's config on, with the pthreads' script set to the glue file by absolute URL", async () => {
    // A module worker's location: the pthreads are blob workers, which resolve no relative URL.
    vi.stubGlobal('self', { location: { href: 'http://localhost:4173/assets/worker-abc.js' } });
    const { default: threadedFactory } = await import('./wasm-threads');
    const locateFile = () => 'x.wasm';
    const blob = new Blob(['var WasmBackendModuleThreadedSimd = function () {}']);
    threadedFactory({ locateFile, mainScriptUrlOrBlob: blob });
    expect(factory).toHaveBeenCalledTimes(1);
    const config = factory.mock.calls[0]![0];
    expect(config.locateFile).toBe(locateFile);
    const url = new URL(config.mainScriptUrlOrBlob as string);
    expect(url.origin).toBe('http://localhost:4173');
    expect(url.pathname).toMatch(/tfjs-backend-wasm-threaded-simd.*\.js$/);
  });
});
