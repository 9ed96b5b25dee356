// One lookup shared by scripts/check-browser.mjs and playwright.config.ts, so the pre-flight
// check and the test run can never disagree about which browser is used.
import { existsSync } from 'node:fs';

/** Places a system Chromium or Chrome is usually installed, in order of preference. */
export const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export const BROWSER_INSTALL_HINT = [
  'No Chromium or Chrome found; the browser tests need one (they are never skipped).',
  '  Debian/Ubuntu: sudo apt-get install -y chromium',
  '  macOS:         install Google Chrome from https://www.google.com/chrome/',
  '  Elsewhere:     set CHROME_PATH=/path/to/chrome',
  `Looked in: CHROME_PATH, ${BROWSER_CANDIDATES.join(', ')}`,
].join('\n');

/**
 * Returns the browser executable to use, or undefined when none is installed.
 * CHROME_PATH wins so a developer can point at any build; a CHROME_PATH that does not exist is
 * an error rather than a silent fallback, because that would test a different browser.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findBrowser(env = process.env) {
  const override = env.CHROME_PATH;
  if (override) return existsSync(override) ? override : undefined;
  return BROWSER_CANDIDATES.find((candidate) => existsSync(candidate));
}
