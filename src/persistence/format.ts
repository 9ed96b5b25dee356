/**
 * Flatland run files (`.flatland`): one run or a whole workspace in one binary file.
 *
 * Layout (all integers and floats little-endian):
 * - bytes 0–7: the magic `FLATLAND` (ASCII);
 * - bytes 8–11: uint32 format version ({@link FORMAT_VERSION});
 * - bytes 12–15: uint32 byte length H of the header;
 * - bytes 16 to 16 + H: the header, UTF-8 JSON ({@link FileHeaderSchema}): kind (`run` or
 *   `workspace`) and per run its info (name, colour, TrainConfig, summary), training events,
 *   computed results and the counts of its weights;
 * - zero padding to a multiple of 4 bytes;
 * - the binary section, float32 values: for each run in header order, `checkpoints` weight sets
 *   (initial weights, then the end of each epoch), the final weights, the final BatchNorm state,
 *   and, when `nAveraged` is present, the SWA/WASAM average and its BatchNorm state. A weight set
 *   holds `params` floats and a state `state` floats, which must be the parameter and state counts
 *   of the run's model (tensors in canonical order, each row-major). The file ends there.
 */
import * as v from 'valibot';
import type { RunWeights } from '../domain/api';
import { FileHeaderSchema, type RunHeader } from './header-schema';
import { weightSizes } from './sizes';
import { describeIssues } from './train-config-schema';
import type { FullRun } from './types';

/** The first eight bytes of every run file. */
export const MAGIC = 'FLATLAND';
/** The layout version this code writes and reads. */
export const FORMAT_VERSION = 1;
/** Files above this size are refused before they are read (a workspace of big runs is ~100 MB). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
const PRELUDE = 16;

/** One run, or every run of a page. */
export type RunFileKind = 'run' | 'workspace';

/** A file that cannot be imported; the message says why, for the user. */
export class RunFileError extends Error {
  override name = 'RunFileError';
}

const pad4 = (n: number) => (n + 3) & ~3;

function weightArrays(w: RunWeights): Float32Array[] {
  if (!w.final || !w.state) throw new Error('Only complete runs can be exported.');
  const avg = w.averaged ? [w.averaged.params, w.averaged.state] : [];
  return [...w.checkpoints, w.final, w.state, ...avg];
}

function runHeader(run: FullRun): RunHeader {
  const { weights } = run;
  return {
    info: run.info,
    events: run.events,
    results: run.results,
    savedAt: run.savedAt,
    weights: {
      checkpoints: weights.checkpoints.length,
      params: weights.final?.length ?? 0,
      state: weights.state?.length ?? 0,
      ...(weights.averaged && { nAveraged: weights.averaged.nAveraged }),
    },
  } as RunHeader;
}

/** Writes runs (with every checkpoint) in the layout above. */
export function encodeRunFile(runs: FullRun[], kind: RunFileKind): Uint8Array<ArrayBuffer> {
  const header = {
    format: 'flatland-run',
    kind,
    exportedAt: new Date().toISOString(),
    runs: runs.map(runHeader),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const arrays = runs.flatMap((r) => weightArrays(r.weights));
  const start = pad4(PRELUDE + json.length);
  const floats = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(start + floats * 4);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, json.length, true);
  bytes.set(json, PRELUDE);
  let offset = start;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) view.setFloat32(offset + i * 4, a[i]!, true);
    offset += a.length * 4;
  }
  return bytes;
}

function readHeader(bytes: Uint8Array): {
  header: v.InferOutput<typeof FileHeaderSchema>;
  start: number;
} {
  if (bytes.length > MAX_FILE_BYTES)
    throw new RunFileError(`The file is larger than ${MAX_FILE_BYTES / 2 ** 20} MB.`);
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (bytes.length < PRELUDE || magic !== MAGIC)
    throw new RunFileError('This is not a Flatland run file (it does not start with FLATLAND).');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION)
    throw new RunFileError(
      `Unsupported file version ${version} (this app reads ${FORMAT_VERSION}).`,
    );
  const length = view.getUint32(12, true);
  if (PRELUDE + length > bytes.length)
    throw new RunFileError('The file is truncated: its header is incomplete.');
  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(16, 16 + length)),
    );
  } catch {
    throw new RunFileError('The file header is corrupted (not valid JSON).');
  }
  const parsed = v.safeParse(FileHeaderSchema, json);
  if (!parsed.success)
    throw new RunFileError(`The file header is invalid: ${describeIssues(parsed.issues)}`);
  return { header: parsed.output, start: pad4(PRELUDE + length) };
}

/** Checks one run's counts against its model; returns how many floats it owns. */
function checkCounts(run: RunHeader): number {
  const sizes = weightSizes(run.info.config);
  const w = run.weights;
  const name = `Run "${run.info.name}"`;
  if (w.params !== sizes.params || w.state !== sizes.state)
    throw new RunFileError(
      `${name}: ${w.params} weights and ${w.state} BatchNorm values do not fit ` +
        `${run.info.config.model} (${sizes.params} and ${sizes.state}).`,
    );
  const sets = w.checkpoints + 1 + (w.nAveraged ? 1 : 0);
  return sets * w.params + (w.nAveraged ? 2 : 1) * w.state;
}

/** Reads `n` floats at `offset`, refusing NaN and ±Infinity. */
function readFloats(view: DataView, offset: number, n: number, what: string): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = view.getFloat32(offset + i * 4, true);
    if (!Number.isFinite(x)) throw new RunFileError(`${what} holds a non-finite value (${x}).`);
    out[i] = x;
  }
  return out;
}

function readWeights(view: DataView, offset: number, run: RunHeader): RunWeights {
  const { checkpoints, params, state, nAveraged } = run.weights;
  let at = offset;
  const take = (n: number, what: string) => {
    const a = readFloats(view, at, n, `Run "${run.info.name}": ${what}`);
    at += n * 4;
    return a;
  };
  const sets = Array.from({ length: checkpoints }, (_, i) => take(params, `checkpoint ${i}`));
  const final = take(params, 'the final weights');
  const finalState = take(state, 'the BatchNorm state');
  return {
    checkpoints: sets,
    checkpointsFrom: 0,
    final,
    state: finalState,
    ...(nAveraged && {
      averaged: { params: take(params, 'the average'), state: take(state, 'its state'), nAveraged },
    }),
  };
}

/** Reads and checks a run file; throws a {@link RunFileError} saying what is wrong. */
export function decodeRunFile(bytes: Uint8Array): { kind: RunFileKind; runs: FullRun[] } {
  const { header, start } = readHeader(bytes);
  const floats = header.runs.map(checkCounts);
  const expected = start + floats.reduce((a, b) => a + b, 0) * 4;
  if (bytes.length < expected)
    throw new RunFileError(
      `The file is truncated: ${bytes.length} bytes where its header announces ${expected}.`,
    );
  if (bytes.length > expected)
    throw new RunFileError(`The file has ${bytes.length - expected} unexpected bytes at its end.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = start;
  const runs = header.runs.map((run, i) => {
    const weights = readWeights(view, offset, run);
    offset += floats[i]! * 4;
    const { info, events, results, savedAt } = run as unknown as FullRun;
    const checked = {
      ...info,
      checkpoints: run.weights.checkpoints,
      hasAverage: !!weights.averaged,
    };
    return { info: checked, events, results, savedAt, live: false, weights };
  });
  return { kind: header.kind, runs };
}
