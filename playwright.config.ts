import { defineConfig } from '@playwright/test';
import { BROWSER_INSTALL_HINT, findBrowser } from './scripts/browser-path.mjs';

// Playwright's own browser download is not available everywhere we run, so the tests always use
// the system Chromium/Chrome found by the same lookup as scripts/check-browser.mjs.
const executablePath = findBrowser();
if (!executablePath) throw new Error(BROWSER_INSTALL_HINT);

// E2E_PORT lets several checkouts run their browser tests side by side; CI uses the default.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://localhost:${PORT}`;

// Headless Chromium has no GPU here: both WebGPU (Dawn) and WebGL (ANGLE) run on SwiftShader,
// the CPU implementation of Vulkan. That is ~100x slower than a real GPU, hence the long timeouts.
const CHROMIUM_ARGS = [
  // WebGPU is still behind a flag on Linux; Vulkan is the only Dawn backend SwiftShader offers.
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
  // Pin WebGL to SwiftShader too, and allow it: Chrome no longer falls back to it silently.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  // Chromium refuses its sandbox when run as root (CI containers).
  '--no-sandbox',
  // Keep the browser from talking to anything but the app (the tests assert on every request).
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  // One software GPU shared by parallel tests would only make each of them slower.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 20 * 60_000,
  // Every test here is slow on a software GPU; the advice to parallelise them does not apply.
  reportSlowTests: null,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    // WebGPU needs a secure context: localhost qualifies, about:blank and LAN addresses do not.
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 900 },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // Serves the production build; `npm run test:e2e` runs `vite build` first.
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: BASE_URL,
    // vite preview reads dist/ from disk on each request, so an already running `npm start`
    // serves the fresh build too; CI always starts its own.
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
