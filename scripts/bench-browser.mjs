/* global window */ // the waitForFunction callbacks run in the page
// Headless Chromium for the bench: the same browser lookup and flags as the e2e tests
// (playwright.config.ts), so WebGPU and WebGL run on SwiftShader when there is no GPU.
import { chromium } from '@playwright/test';
import { BROWSER_INSTALL_HINT, findBrowser } from './browser-path.mjs';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** Launches the system Chromium; throws the install hint when there is none. */
export async function launchBrowser() {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(BROWSER_INSTALL_HINT);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return { browser, executablePath };
}

/**
 * Opens the bench page for one backend and waits for window.__benchResult, echoing the page's
 * progress lines. Each backend gets a fresh page, so no GPU state carries over between them.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url
 * @param {number} timeoutMs
 */
export async function runBenchPage(browser, url, timeoutMs) {
  const page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.text().startsWith('[bench]')) console.log(`  ${msg.text()}`);
  });
  page.on('pageerror', (err) => console.log(`  page error: ${err.message}`));
  try {
    // The previous backend's GPU work may still be draining: be patient with the load.
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.waitForFunction(() => window.__benchResult !== undefined, null, {
      timeout: timeoutMs,
      polling: 1000,
    });
    return await page.evaluate(() => window.__benchResult);
  } catch (err) {
    // Out of time (or the page died): keep the sections that did finish, and say why it stopped.
    const partial = await page.evaluate(() => window.__benchPartial).catch(() => undefined);
    const error = `${String(err?.message ?? err).split('\n')[0]} (sections finished before: ${
      partial ? Object.keys(partial.sections).join(', ') || 'none' : 'none'
    })`;
    return { ...(partial ?? {}), error };
  } finally {
    await page.close();
  }
}
