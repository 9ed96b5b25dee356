/**
 * Issue 7.1, as links: malformed link parameters must each be reported and none applied (the
 * schema's own table of bad values is schema/bad-input.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseUrlConfig } from './url-config';

/** [what, query]: malformed link parameters; each must be reported, none applied. */
const BAD_LINKS: [string, string, string][] = [
  ['lr=abc', '?lr=abc', 'lr'],
  ['lr written in hex', '?lr=0x1', 'lr'],
  ['lr=1e309', '?lr=1e309', 'lr'],
  ['lr=NaN', '?lr=NaN', 'lr'],
  ['lr with a decimal comma', '?lr=0%2C1', 'lr'],
  ['empty batch', '?batch=', 'batch'],
  ['grid=1000', '?grid=1000', 'grid'],
  ['negative epochs', '?epochs=-3', 'epochs'],
  ['asam=maybe', '?asam=maybe', 'asam'],
  ['v2 grid range 0', '?v=2&landscape.gridRange=0', 'landscape.gridRange'],
  ['v2 lr with spaces inside', '?v=2&train.lr=0.%201', 'train.lr'],
  ['v2 batch larger than subset', '?v=2&train.subset=64&train.batchSize=512', 'train.batchSize'],
  ['v2 misspelt setting', '?v=2&train.bachSize=32', 'train.bachSize'],
  ['v2 percent-encoded junk', '?v=2&train.epochs=%E2%88%9E', 'train.epochs'],
];

describe('bad links', () => {
  it.each(BAD_LINKS)('reports the link parameter %s and applies nothing', (_what, query, name) => {
    const config = parseUrlConfig(query);
    expect(config.ignored.map((p) => p.name)).toContain(name);
    // Only the rule between fields leaves its other, valid field applied.
    expect(config.train).toEqual(name === 'train.batchSize' ? { subset: 64 } : {});
    expect(config.landscape).toEqual({});
    expect(config.ignored.every((p) => p.reason.length > 0)).toBe(true);
  });
});
