// Types for data-lib.mjs, so its TypeScript tests are type-checked (tsconfig has no allowJs).

export function mulberry32(seed: number): () => number;
export function deriveSeed(seed: number, purpose: string): number;
export function permutation(n: number, rng: () => number): Int32Array;

export function parseIdx(
  bytes: Uint8Array,
  name: string,
  expectedRank?: number,
): { dims: number[]; data: Uint8Array };
export function parseIdxExpect(bytes: Uint8Array, name: string, expectedDims: number[]): Uint8Array;
export function checkLabels(labels: Uint8Array, numClasses: number, name: string): void;

export function stratifiedSplit(
  classSizes: number[],
  options: { train: number; test: number; seed: number },
): { train: Int32Array; test: Int32Array; dropped: Int32Array }[];
export function assembleSplit(
  classImages: Uint8Array[],
  picks: Int32Array[],
  shuffleSeed: number,
  pixels: number,
): { images: Uint8Array; labels: Uint8Array };
export function packClassRows(
  json: unknown,
  pixels: number,
  name: string,
): { images: Uint8Array; count: number; sourceIndex: Int32Array; empty: number[] };
