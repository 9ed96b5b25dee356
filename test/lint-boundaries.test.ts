/**
 * The layer table of docs/architecture.md is enforced by lint: these fixtures, linted with the
 * project's ESLint config as if they sat at the path of their `lint-as:` line, must be rejected
 * (or, for allowed-imports.ts, accepted) by the `flatland/layers` rule.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(fixture: string): Promise<string[]> {
  const code = readFileSync(new URL(`./lint-fixtures/${fixture}`, import.meta.url), 'utf8');
  const filePath = /^\/\/ lint-as: (\S+)/.exec(code)?.[1];
  if (!filePath) throw new Error(`${fixture} has no lint-as line`);
  const [result] = await eslint.lintText(code, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'flatland/layers')
    .map((m) => m.message);
}

describe('layer boundaries (flatland/layers)', () => {
  it('rejects a feature importing another feature', async () => {
    const errors = await layerErrors('feature-imports-feature.ts');
    expect(errors).toEqual([expect.stringContaining('may not import another feature')]);
  });

  it('rejects the engine importing the store through a directory import', async () => {
    const errors = await layerErrors('engine-imports-store-dir.ts');
    expect(errors).toEqual([expect.stringContaining('engine may not import store')]);
  });

  it('rejects the domain importing the worker', async () => {
    const errors = await layerErrors('domain-imports-worker.ts');
    expect(errors).toEqual([expect.stringContaining('domain may not import worker')]);
  });

  it('rejects app importing a feature (composition belongs to the shell)', async () => {
    const errors = await layerErrors('app-imports-feature.ts');
    expect(errors).toEqual([expect.stringContaining('app may not import features/runs')]);
  });

  it('accepts the shell composing features with app, the store and the domain', async () => {
    expect(await layerErrors('shell-composes.ts')).toEqual([]);
  });

  it('accepts a feature importing domain, store, app, components and itself', async () => {
    expect(await layerErrors('allowed-imports.ts')).toEqual([]);
  });
});
