import type { Dataset } from '../../data/load';

/**
 * A learnable synthetic dataset for worker tests (Node has no app origin to fetch from):
 * class c lights up row 2c + 4 of the image, with a little texture along the row.
 */
export function syntheticDataset(train: number, test: number): Dataset {
  const split = (n: number, offset: number) => {
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = (i + offset) % 10;
      labels[i] = c;
      for (let col = 0; col < 28; col++)
        images[i * 784 + (2 * c + 4) * 28 + col] = 200 + (col % 50);
    }
    return { images, labels, count: n };
  };
  return {
    id: 'mnist',
    name: 'synthetic',
    classes: Array.from({ length: 10 }, (_, i) => String(i)),
    imageShape: [28, 28, 1],
    train: split(train, 0),
    test: split(test, 3),
  };
}
