import { describe, expect, it } from 'vitest';
import { stripItems } from './strip-items';

const images = {
  dataset: 'fashion-mnist' as const,
  count: 3,
  pixels: [],
  labels: [0, 5, 9],
  classes: [
    'T-shirt',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

describe('prediction strip items', () => {
  it('marks right and wrong predictions and names them for screen readers', () => {
    const items = stripItems(images, [0, 7, 9]);
    expect(items.map((i) => i.status)).toEqual(['right', 'wrong', 'right']);
    expect(items[1]!.description).toBe('predicted Sneaker, true Sandal, wrong');
    expect(items[0]!.description).toBe('predicted T-shirt, true T-shirt, right');
  });

  it('waits for predictions that have not arrived', () => {
    const items = stripItems(images, undefined);
    expect(items.every((i) => i.status === 'unknown' && i.predicted === null)).toBe(true);
    expect(items[2]!.description).toBe('true Ankle boot, predicting');
  });
});
