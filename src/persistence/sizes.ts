import { paramShapes, stateShapes } from '../engine/model/params';
import { MODEL_ZOO } from '../engine/model/zoo';
import type { TrainConfig } from '../domain/api';

/** Both datasets (MNIST, Fashion-MNIST) have ten classes of 28 × 28 × 1 images. */
const CLASSES = 10;

const count = (list: { shape: number[] }[]) =>
  list.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

/** Floats in one set of trainable weights and in the BatchNorm statistics of a run's model. */
export function weightSizes(config: Pick<TrainConfig, 'model'>): { params: number; state: number } {
  const spec = MODEL_ZOO[config.model].spec([28, 28, 1], CLASSES);
  return { params: count(paramShapes(spec)), state: count(stateShapes(spec)) };
}
