import type { TrainConfig } from '../domain/api';
import { countScalars, paramShapes, stateShapes } from '../domain/model';
import { modelSpecFor } from '../domain/model-zoo';
import { datasetClasses, datasetInput } from '../domain/toy-data';

/** Floats in one set of trainable weights and in the BatchNorm statistics of a run's model. */
export function weightSizes(config: Pick<TrainConfig, 'model' | 'layers' | 'dataset' | 'toy'>): {
  params: number;
  state: number;
} {
  const input = datasetInput(config.dataset);
  const spec = modelSpecFor(config, input, datasetClasses(config.dataset, config.toy));
  return { params: countScalars(paramShapes(spec)), state: countScalars(stateShapes(spec)) };
}
