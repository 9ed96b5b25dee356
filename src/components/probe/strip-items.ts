import type { ProbeImages } from '../../domain/api';

export interface StripItem {
  /** Class name predicted at the perturbed weights; null until predictions arrive. */
  predicted: string | null;
  truth: string;
  status: 'right' | 'wrong' | 'unknown';
  /** What a screen reader announces for the image, e.g. "predicted 3, true 5, wrong". */
  description: string;
}

/** Pairs each strip image's true class with its prediction (absent or short: unknown). */
export function stripItems(images: ProbeImages, predicted: number[] | undefined): StripItem[] {
  const name = (c: number) => images.classes[c] ?? String(c);
  return images.labels.map((label, i) => {
    const truth = name(label);
    const p = predicted?.[i];
    if (p === undefined) {
      return {
        predicted: null,
        truth,
        status: 'unknown',
        description: `true ${truth}, predicting`,
      };
    }
    const status = p === label ? 'right' : 'wrong';
    return {
      predicted: name(p),
      truth,
      status,
      description: `predicted ${name(p)}, true ${truth}, ${status}`,
    };
  });
}
