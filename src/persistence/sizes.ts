import type { TrainConfig } from '../domain/api';
import { countScalars, paramShapes, stateShapes } from '../domain/model';
import { modelSpecFor } from '../domain/model-zoo';

/** Both datasets (MNIST, Fashion-MNIST) have ten classes of 28 × 28 × 1 images. */
const CLASSES = 10;

/** Floats in one set of trainable weights and in the BatchNorm statistics of a run's model. */
export function weightSizes(config: Pick<TrainConfig, 'model' | 'layers'>): {
  params: number;
  state: number;
} {
  const spec = modelSpecFor(config, [28, 28, 1], CLASSES);
  return { params: countScalars(paramShapes(spec)), state: countScalars(stateShapes(spec)) };
}
