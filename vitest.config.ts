import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests and the PyTorch reference fixtures (npm run test:reference).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          setupFiles: ['test/setup-tf.ts'],
          include: [
            'src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/lint-boundaries.test.ts',
            'test/folder-cycles.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'reference',
          environment: 'node',
          setupFiles: ['test/setup-tf.ts'],
          include: ['test/reference/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        // Measurements that print tables (e.g. exact vs finite-difference Hessians), run by hand
        // with `npx vitest run --project measure`; npm test does not run them.
        test: {
          name: 'measure',
          environment: 'node',
          setupFiles: ['test/setup-tf.ts'],
          include: ['scripts/**/*.measure.ts'],
          testTimeout: 1_800_000,
        },
      },
    ],
  },
});
