import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    // The engine is pure TF.js: no UI, store or plotting code may leak in.
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
            {
              group: [
                '**/store/**',
                '**/features/**',
                '**/components/**',
                '**/app/**',
                '**/worker/**',
              ],
              message: 'src/engine must not import app layers.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests describe many cases in one block; the 50-line limit is for production functions.
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'test/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
