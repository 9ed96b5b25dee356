/**
 * Allowed ranges of the numeric settings for the controls: a view of the settings schema
 * (src/schema), which owns every range and default, so a value typed by hand, a value from a
 * link and a value from an imported file are judged the same way.
 */
import { parseNumber, RANGES, type NumberSpec, type ParseResult } from '../schema';

export { parseNumber, TEST_SET_SIZE, TRAIN_SET_SIZE } from '../schema';
export type { NumberSpec, ParseResult } from '../schema';

/** The controls' ranges: the settings schema's `RANGES` under the name the controls use. */
export const LIMITS = RANGES;

/** A setting with a numeric range. */
export type LimitedField = keyof typeof LIMITS;

/** The training subset: 'all' or 0 for the whole set, otherwise a size within LIMITS.subset. */
export function parseSubset(raw: string): ParseResult {
  const text = raw.trim().toLowerCase();
  if (text === 'all' || text === '0') return { ok: true, value: 0 };
  const parsed = parseNumber(text, LIMITS.subset satisfies NumberSpec);
  return parsed.ok ? parsed : { ok: false, message: `'all' or ${parsed.message.toLowerCase()}` };
}
