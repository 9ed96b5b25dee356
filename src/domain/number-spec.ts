/**
 * The shape of a numeric setting's range and of a parsed number field. The ranges themselves and
 * the parser live in the settings schema (src/schema/ranges.ts, src/schema/fields.ts); the types
 * sit here so that the field kit (src/components/fields) can take both without importing it.
 */

export interface NumberSpec {
  min: number;
  max: number;
  integer: boolean;
  /** Spinner increment of the number input. */
  step: number;
  /**
   * The input's `min` attribute when it must differ from `min`: browsers count spinner steps from
   * `min`, so 1e-5 would turn 0.05 + 0.01 into 0.06001.
   */
  stepBase?: number;
}

/** Typed text read as a number in range, or the message that says why it is not one. */
export type ParseResult = { ok: true; value: number } | { ok: false; message: string };
