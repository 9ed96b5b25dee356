/**
 * Property-based fuzzing of every importer (issue 7 item 5): run files, `.h5` surfaces and link
 * state. Each must either accept its input (and then give a well-formed result) or refuse it with
 * its own clear error type; nothing may crash with anything else. 10,600 cases in all.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { H5SurfaceError, readH5Surface } from '../interop';
import { decodeRunFile, encodeRunFile, RunFileError } from '../persistence/format';
import type { FullRun } from '../persistence/types';
import { parseSettings } from '../schema';
import { createWorkerApi } from '../worker/service';
import { syntheticLoader, tinyConfig } from '../worker/testing/trained-api';
import { parseUrlConfig } from './url-config';

// The app's TypeScript config has no Node types, hence Node's fs through getBuiltinModule.
type NodeFs = { readFileSync(path: URL): Uint8Array };
const nodeProcess = (
  globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }
).process;
const { readFileSync } = nodeProcess.getBuiltinModule('node:fs') as NodeFs;

const config = tinyConfig({ subset: 40, model: 'mlp', optimizer: 'swa', epochs: 2, seed: 5 });

/** A real run file: a tiny SWA run (so the averaged section is present too). */
async function validRunFile(): Promise<Uint8Array> {
  const engine = createWorkerApi(syntheticLoader(60, 20));
  await engine.init('cpu');
  const { runId } = await engine.train(config, () => undefined);
  const exported = await engine.exportRun(runId!);
  if (!exported) throw new Error('no run to export');
  const run: FullRun = { ...exported, results: {}, savedAt: 1 };
  return encodeRunFile([run], 'run');
}

/** Decoding either succeeds with complete runs or throws a RunFileError; never anything else. */
function decodeOrRefuse(bytes: Uint8Array): 'ok' | 'refused' {
  try {
    const { runs } = decodeRunFile(bytes);
    for (const r of runs) {
      expect(r.weights.final).toBeInstanceOf(Float32Array);
      expect(r.weights.final!.every(Number.isFinite)).toBe(true);
    }
    return 'ok';
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    return 'refused';
  }
}

/** A copy of `base` with bytes overwritten at chosen offsets and optionally cut short. */
const mutated = (base: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const bytes = base.slice(0, cut === undefined ? base.length : cut % (base.length + 1));
      for (const [at, value] of edits) if (bytes.length) bytes[at % bytes.length] = value;
      return bytes;
    });

describe('fuzzing the run-file importer', () => {
  let valid: Uint8Array;
  beforeAll(async () => {
    valid = await validRunFile();
  }, 120_000);

  it('accepts the untouched file', () => {
    expect(decodeOrRefuse(valid)).toBe('ok');
  });

  it('refuses random bytes with a RunFileError (3,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(decodeOrRefuse(bytes)).toBe('refused');
      }),
      { numRuns: 3000, seed: 1 },
    );
  });

  it('survives corrupted and truncated real files (3,000 cases)', () => {
    const outcomes = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(mutated(valid), (bytes) => {
        outcomes[decodeOrRefuse(bytes)] += 1;
      }),
      { numRuns: 3000, seed: 2 },
    );
    // Both branches are exercised: some edits hit weights (still finite), most break the file.
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('fuzzing the .h5 surface importer', () => {
  const base = new Uint8Array(
    readFileSync(new URL('../../test/fixtures-h5/surface_2d.h5', import.meta.url)),
  );

  it('reads a corrupted file or refuses it with an H5SurfaceError (600 cases)', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutated(base), async (bytes) => {
        try {
          const s = await readH5Surface(bytes);
          expect(s.x.length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof H5SurfaceError)) throw error;
          refused += 1;
        }
      }),
      { numRuns: 600, seed: 3 },
    );
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});

const PARAM_NAMES = [
  'v',
  'lr',
  'batch',
  'subset',
  'epochs',
  'grid',
  'slice',
  'train.lr',
  'train.batchSize',
  'landscape.gridSize',
  'landscape.sliceRange',
  'interpolation.points',
  'sharpness.rho',
  'preset',
];
const linkParams = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.string({ maxLength: 12 })),
    fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double().map(String),
      fc.constantFrom('NaN', '1e309', '-1', '0', '', 'all', '<script>'),
    ),
  ),
  { maxLength: 8 },
);

/** The fields of each rule between two: batch ≤ subset, α from < to, PCA for both directions. */
const CROSS_FIELD = [
  ['train.batchSize', 'train.subset'],
  ['interpolation.to', 'interpolation.from'],
  ['landscape.directions.kind2', 'landscape.directions.kind1'],
].flat();

describe('fuzzing link state', () => {
  it('never throws on a query string, and what it applies is valid (3,000 cases)', () => {
    fc.assert(
      fc.property(linkParams, (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const url = parseUrlConfig(search);
        const applied = {
          train: url.train,
          landscape: url.landscape,
          interpolation: url.interpolation,
          sharpness: url.sharpness,
        };
        const parsed = parseSettings({ version: 2, ...applied });
        // Every single value the link applied is in range; only a rule between two fields (batch
        // ≤ subset, α from < to, PCA for both directions) can still fail against the defaults.
        if (!parsed.ok)
          for (const issue of parsed.issues) expect(CROSS_FIELD).toContain(issue.path);
      }),
      { numRuns: 3000, seed: 4 },
    );
  });

  it('parseSettings refuses or accepts any value without throwing (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const parsed = parseSettings(input);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
