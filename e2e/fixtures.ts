import { test as base } from '@playwright/test';
import { expectCleanRun, watchPage, type Watched } from './helpers';

/**
 * Playwright's `test` plus what every browser test asserts: from before its first navigation to
 * its end, no console or page error and no request outside the app's origin (expectCleanRun,
 * after the test's own steps). A test that provokes errors on purpose calls expectCleanRun on
 * its `watched` first, where the run must still be clean; it is not checked again at the end.
 */
export const test = base.extend<{ watched: Watched }>({
  watched: [
    async ({ page, baseURL }, provide) => {
      const watched = watchPage(page);
      await provide(watched);
      if (!watched.checked) expectCleanRun(watched, baseURL);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
