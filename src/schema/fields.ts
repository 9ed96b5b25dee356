/**
 * Builders of the schema's leaves (one number, one choice, one switch) and the text parsing the
 * controls and links share: every value is checked by the same valibot schema however it arrived.
 */
import * as v from 'valibot';
import type { ParseResult } from '../domain/number-spec';
import { decimalValue, describeRange, inRange, type NumberSpec } from './ranges';

export type { ParseResult };

/** A number within `spec`; every failure (wrong type, NaN, out of range) reads as the range. */
export function numberIn(spec: NumberSpec) {
  const message = describeRange(spec);
  return v.pipe(
    v.number(message),
    v.check((n) => inRange(n, spec), message),
  );
}

/** A number within `spec`, or 0 with a meaning of its own (the whole set, once per epoch). */
export function zeroOr(spec: NumberSpec, meaning: string) {
  const message = `0 (${meaning}) or ${describeRange(spec).toLowerCase()}`;
  return v.pipe(
    v.number(message),
    v.check((n) => n === 0 || inRange(n, spec), message),
  );
}

/** One of a fixed list of ids. */
export function choice<const T extends readonly [string, ...string[]]>(options: T) {
  return v.picklist(options, `expected one of ${options.join(', ')}`);
}

export const toggle = () => v.boolean('expected true, false, 1 or 0');

const SWITCHES: Readonly<Record<string, boolean>> = {
  true: true,
  '1': true,
  false: false,
  '0': false,
};

/**
 * The typed value a text (a URL parameter, a version-1 link) stands for, given the schema that
 * will check it. Text that cannot be read is returned as it is, so the schema rejects it with the
 * field's own message rather than a generic one.
 */
export function fromText(schema: v.GenericSchema, raw: string): unknown {
  switch (schema.type) {
    case 'number':
      return decimalValue(raw) ?? raw;
    case 'boolean':
      return SWITCHES[raw.trim().toLowerCase()] ?? raw;
    case 'picklist':
      // Ids are lower case; links typed by hand may not be.
      return raw.trim().toLowerCase();
    case 'array':
    case 'strict_object':
      // Lists (the model builder's layers) and records (the imported dataset's reference)
      // travel in links as JSON.
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}

/** The first problem the schema finds with a value, or null when it accepts it. */
export function problemWith(schema: v.GenericSchema, value: unknown): string | null {
  const result = v.safeParse(schema, value);
  return result.success ? null : (result.issues[0]?.message ?? 'invalid value');
}

const NUMBER_SCHEMAS = new WeakMap<NumberSpec, v.GenericSchema>();

/** Parses typed text and checks it with the schema of its range; the message fits under a field. */
export function parseNumber(raw: string, spec: NumberSpec): ParseResult {
  let schema = NUMBER_SCHEMAS.get(spec);
  if (!schema) {
    schema = numberIn(spec);
    NUMBER_SCHEMAS.set(spec, schema);
  }
  const value = fromText(schema, raw);
  const problem = problemWith(schema, value);
  return problem === null ? { ok: true, value: value as number } : { ok: false, message: problem };
}
