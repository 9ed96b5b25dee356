/**
 * RPC types of importing a trained TF.js LayersModel (`model.json` and its weight files, as
 * `tensorflowjs_converter` writes them from Keras or `model.save` from TF.js) as a run.
 */
import type { RunInfo, TrainConfig } from './api';

/**
 * The files and the run's settings. The worker replaces the config's model by the imported one
 * (the model builder's layers) and sets no label noise; its dataset (the one the model was trained
 * on), subset, seed and evalSamples choose the samples landscapes, θ(α) and sharpness evaluate
 * on, as for a trained run. Its optimizer, learning rate and epochs describe no training: an
 * imported run has none (no checkpoints, no events).
 */
export interface ModelImportRequest {
  /** model.json and every weight file it lists (File objects are structured-cloned). */
  files: File[];
  config: TrainConfig;
}

/** The new run and what the conversion changed on the way (e.g. a final softmax left out). */
export interface ModelImportResult {
  run: RunInfo;
  notes: string[];
}

/** The worker's model import (part of `FlatlandWorkerApi`). */
export interface ModelImportApi {
  /**
   * Loads the LayersModel with TF.js (`tf.io.browserFiles`), converts it, checks it against the
   * dataset and adds it as a run without training history. Rejects with a message naming the
   * unsupported layers, or the input shape or class count that does not match the dataset.
   */
  importModel(request: ModelImportRequest): Promise<ModelImportResult>;
}
