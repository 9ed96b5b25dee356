/** Test-only fault injection and watchers: no WebGPU, a lost GPU device, CSP violations. */
import type { Page } from '@playwright/test';

/**
 * Rewrites the engine worker's script on its way to the browser, running `prelude` in the
 * worker before the app's code (the worker is one self-contained module, so nothing of the app
 * runs before it). Test-only: the app itself has no hooks for this.
 */
export async function prependToWorker(page: Page, prelude: string): Promise<void> {
  await page.route(/\/assets\/worker-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${prelude}\n${await response.text()}` });
  });
}

/** Makes WebGPU absent in the page and in the worker (workers have their own navigator). */
export async function hideWebGpu(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (Navigator.prototype as { gpu?: unknown }).gpu;
  });
  await prependToWorker(page, 'delete WorkerNavigator.prototype.gpu;');
}

/**
 * Worker prelude: this machine's WebGPU adapter (SwiftShader) reports itself as hardware, so the
 * app's automatic choice, which skips software adapters, picks WebGPU as it would on a GPU.
 */
const PRETEND_HARDWARE = `{
  const info = Object.getOwnPropertyDescriptor(GPUAdapter.prototype, 'info');
  Object.defineProperty(GPUAdapter.prototype, 'info', {
    get() {
      info.get.call(this); // still the real getter's checks (an invalid adapter throws)
      return { vendor: 'test', architecture: 'pretend-hardware', device: '', description: '' };
    },
  });
  Object.defineProperty(GPUAdapter.prototype, 'isFallbackAdapter', { get: () => false });
}`;

/** The automatic backend choice picks this machine's software WebGPU (see PRETEND_HARDWARE). */
export async function pretendHardwareGpu(page: Page): Promise<void> {
  await prependToWorker(page, PRETEND_HARDWARE);
}

/**
 * Lets the test destroy the engine's GPU device: the worker keeps every device it requests and
 * destroys them on a test message; the page keeps its workers so the test can post it.
 */
export async function armDeviceDestroy(page: Page): Promise<void> {
  // One prelude: a second route for the worker's script would replace the first.
  await page.addInitScript(() => {
    const Native = window.Worker;
    const kept: Worker[] = [];
    (window as unknown as { __flatlandWorkers: Worker[] }).__flatlandWorkers = kept;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        kept.push(this);
      }
    };
  });
  await prependToWorker(
    page,
    `${PRETEND_HARDWARE}
    {
      const devices = [];
      const request = GPUAdapter.prototype.requestDevice;
      GPUAdapter.prototype.requestDevice = async function (...args) {
        const device = await request.apply(this, args);
        devices.push(device);
        return device;
      };
      self.addEventListener('message', (event) => {
        if (event.data && event.data.flatlandTest === 'destroy-gpu-device') {
          devices.forEach((d) => d.destroy());
        }
      });
    }`,
  );
}

/** Destroys the engine worker's GPU device, as a driver reset or a lost GPU would. */
export async function destroyGpuDevice(page: Page): Promise<void> {
  await page.evaluate(() => {
    const workers = (window as unknown as { __flatlandWorkers: Worker[] }).__flatlandWorkers;
    workers.forEach((w) => w.postMessage({ flatlandTest: 'destroy-gpu-device' }));
  });
}

/** Records `securitypolicyviolation` events of the page from its first script on. */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}`);
    });
  });
  return () =>
    page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}
