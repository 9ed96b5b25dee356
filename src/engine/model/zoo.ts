// The built-in architectures are plain data, so they live in the domain (a saved file's weights
// are checked against them without TF.js); the engine and worker take them from here.
export { MODEL_ZOO, type ZooEntry, type ZooModelId } from '../../domain/model-zoo';
