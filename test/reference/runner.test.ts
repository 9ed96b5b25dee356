import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { fixturesDir, listFixtures } from './util';

/** What every `kinds/<kind>.ts` module exports: throws a descriptive Error on mismatch. */
interface KindModule {
  run(fixture: unknown): Promise<void>;
}

const dir = fixturesDir();
const files = listFixtures(dir);
const kindsDir = path.resolve(__dirname, 'kinds');

/** Loads the handler for a kind; an unknown kind is an error (a fixture must never be skipped). */
async function loadKind(kind: unknown, file: string): Promise<KindModule> {
  if (typeof kind !== 'string' || !/^[a-z0-9_]+$/.test(kind)) {
    throw new Error(`${file}: missing or malformed "kind": ${JSON.stringify(kind)}`);
  }
  if (!fs.existsSync(path.join(kindsDir, `${kind}.ts`))) {
    throw new Error(`${file}: unknown fixture kind "${kind}" (no test/reference/kinds/${kind}.ts)`);
  }
  const mod = (await import(`./kinds/${kind}.ts`)) as Partial<KindModule>;
  if (typeof mod.run !== 'function') throw new Error(`kinds/${kind}.ts does not export run()`);
  return mod as KindModule;
}

describe(`reference fixtures in ${dir}`, () => {
  beforeAll(async () => {
    // Float32 CPU: deterministic, and the precision the browser backends run in.
    await tf.setBackend('cpu');
    await tf.ready();
  });

  test('the folder holds fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    test(file.replace(/\.json$/, ''), async () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
        kind?: unknown;
      };
      const mod = await loadKind(fixture.kind, file);
      const before = tf.memory().numTensors;
      await mod.run(fixture);
      // Kinds must release what they create, so a leak in the engine shows up here.
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
