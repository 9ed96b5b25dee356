import type { TrainConfig } from '../domain/api';
import { countScalars, paramShapes, stateShapes } from '../domain/model';
import { modelSpecFor } from '../domain/model-zoo';
import { datasetClasses, datasetInput } from '../domain/toy-data';

/** Floats in one set of trainable weights and in the BatchNorm statistics of a run's model. */
export function weightSizes(
  config: Pick<TrainConfig, 'model' | 'layers' | 'dataset' | 'toy' | 'imported'>,
): {
  params: number;
  state: number;
} {
  const spec = modelSpecFor(config, datasetInput(config), datasetClasses(config));
  return { params: countScalars(paramShapes(spec)), state: countScalars(stateShapes(spec)) };
}
