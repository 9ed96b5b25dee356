import { expect, it } from 'vitest';
import { parseUrlConfig } from './url-config';

it('SAM p, second order and the update cosine travel in links by their dotted paths', () => {
  const cfg = parseUrlConfig(
    '?v=2&train.optimizer=sam&train.flat.samP=inf&train.flat.secondOrder=true&train.flat.cosineEvery=4',
  );
  expect(cfg.train.flat).toEqual({ samP: 'inf', secondOrder: true, cosineEvery: 4 });
  expect(
    parseUrlConfig('?v=2&train.flat.secondOrder=true&train.flat.adaptive=true').train.flat,
  ).not.toEqual({ secondOrder: true, adaptive: true });
});
