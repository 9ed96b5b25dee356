import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { makeRule } from './eslint/layers.js';
import layerAllowlist from './eslint/layer-allowlist.js';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

export default tseslint.config(
  {
    ignores: [
      // Build output anywhere (dist/, bench/dist/), as in .gitignore.
      '**/dist',
      'node_modules',
      'public/data',
      'test-results',
      'playwright-report',
      'bench/results',
      // Code that must fail the layer rule; test/lint-boundaries.test.ts lints it on purpose.
      'test/lint-fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JS here is Node tooling (scripts/*.mjs, configs): give it Node's globals.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 50, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(dataSync|arraySync)$/]',
          message:
            'Use await tensor.data(): dataSync/arraySync return zeros on WebGPU (SwiftShader) and block on GPUs.',
        },
      ],
    },
  },
  {
    // The engine is pure TF.js: no UI, store or plotting package may leak in (our own folders:
    // the `flatland/layers` rule below).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react-dom/*', 'react/*'],
              message: 'src/engine must not import React.',
            },
            { group: ['zustand', 'zustand/*'], message: 'src/engine must not import the store.' },
            {
              group: ['plotly.js', 'plotly.js/*', 'react-plotly.js', 'react-plotly.js/*'],
              message: 'src/engine must not import Plotly.',
            },
          ],
        },
      ],
    },
  },
  {
    // Who may import whom inside src/ (docs/architecture.md): one rule for every folder, which
    // resolves relative imports so that directory imports ('../store') are caught too. Today's
    // remaining violations are listed, file by file, in eslint/layer-allowlist.js.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { flatland: { rules: { layers: makeRule({ srcDir, allowlist: layerAllowlist }) } } },
    rules: { 'flatland/layers': 'error' },
  },
  {
    // Tests describe many cases in one block; the 50-line limit is for production functions.
    files: ['**/*.test.ts', '**/*.measure.ts', 'e2e/**/*.ts', 'test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
