import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../schema';
import { parseTrainConfig } from './train-config-schema';

describe('a run file’s training config', () => {
  it('keeps m-SAM’s sub-batch size when it divides the batch, and names the problem otherwise', () => {
    const config = {
      ...DEFAULT_SETTINGS.train,
      optimizer: 'sam' as const,
      batchSize: 32,
      flat: { m: 8 },
    };
    expect(parseTrainConfig(config).flat).toEqual({ m: 8 });
    expect(parseTrainConfig({ ...config, flat: {} }).flat).toEqual({});
    expect(() => parseTrainConfig({ ...config, flat: { m: 5 } })).toThrow(
      /flat\.m: m must divide the batch size 32/,
    );
  });
});
