// Pre-flight for `npm run test:e2e`: fail at once, with an install hint, when no browser exists.
// Without it the build would run first and Playwright would then fail with an opaque
// "executable doesn't exist" error. Missing browsers are an error, never a reason to skip.
import { BROWSER_INSTALL_HINT, findBrowser } from './browser-path.mjs';

const browser = findBrowser();
if (!browser) {
  if (process.env.CHROME_PATH) {
    console.error(
      `CHROME_PATH is set to ${process.env.CHROME_PATH}, but that file does not exist.`,
    );
  }
  console.error(BROWSER_INSTALL_HINT);
  process.exit(1);
}
console.log(`Browser tests will use ${browser}`);
