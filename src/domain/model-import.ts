/**
 * An imported model (a converted TF.js LayersModel) checked against the dataset it is said to be
 * trained on, and written as the model builder's layers, so that the run's config reproduces its
 * spec (`modelSpecFor`) and run files, saved runs and links carry it like any custom model.
 * TF-free: the worker converts, this decides.
 */
import { datasetLabel, type DataChoice } from './toy-data';
import { modelSpecFor } from './model-zoo';
import type { LayerSpec, ModelSpec } from './model';

/** The builder's layers of an imported model, or why it cannot be measured on the dataset. */
export type ImportedLayers = { layers: LayerSpec[] } | { problem: string };

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The model's layers on the dataset's samples: the same spec when the input shapes agree, and a
 * flat-input model ([1, 1, D] then flatten, as `fromLayersModel` writes a Keras `[D]` input) on
 * images of D values, which a row-major flatten of [H, W, C] gives in Keras's order. Null when
 * neither fits.
 */
function onDatasetInput(spec: ModelSpec, input: [number, number, number]): LayerSpec[] | null {
  if (spec.input.every((d, i) => d === input[i])) return spec.layers;
  const flat = spec.input[0] === 1 && spec.input[1] === 1 && spec.layers[0]?.type === 'flatten';
  return flat && spec.input[2] === size(input) ? spec.layers : null;
}

const shapeText = (spec: ModelSpec) => {
  const flat = spec.input[0] === 1 && spec.input[1] === 1 && spec.layers[0]?.type === 'flatten';
  return flat ? `[${spec.input[2]}]` : `[${spec.input.join(', ')}]`;
};

/** The body before the classifier that `modelSpecFor` closes into exactly `layers`, or null. */
function builderBody(
  layers: LayerSpec[],
  input: [number, number, number],
  classes: number,
): LayerSpec[] | null {
  const body = layers.slice(0, -1);
  const same = JSON.stringify({ input, layers });
  // modelSpecFor adds the flatten before the classifier itself when the body ends on an image.
  const candidates = body.at(-1)?.type === 'flatten' ? [body.slice(0, -1), body] : [body];
  for (const candidate of candidates) {
    try {
      const built = modelSpecFor({ model: 'custom', layers: candidate }, input, classes);
      if (JSON.stringify(built) === same) return candidate;
    } catch {
      // Not this candidate: the other one, or the message below.
    }
  }
  return null;
}

/**
 * The builder's layers of a converted model for `dataset`, whose samples have shape `input` and
 * `classes` classes; or a problem that says which of the two does not match, in words.
 */
export function importedLayers(
  spec: ModelSpec,
  data: DataChoice,
  input: [number, number, number],
  classes: number,
): ImportedLayers {
  const name = datasetLabel(data);
  const layers = onDatasetInput(spec, input);
  if (!layers)
    return {
      problem: `The model takes inputs of shape ${shapeText(spec)}, but ${name} samples are [${input.join(', ')}] (${size(input)} values). Choose the dataset it was trained on.`,
    };
  const head = layers.at(-1);
  if (head?.type !== 'dense')
    return {
      problem: `The model must end in a Dense layer (its classifier, then at most a softmax); it ends in ${head ? head.type : 'nothing'}.`,
    };
  if (head.units !== classes)
    return {
      problem: `The model has ${head.units} outputs, but ${name} has ${classes} classes. Choose the dataset it was trained on.`,
    };
  if (!head.bias)
    return { problem: 'The final Dense layer has no bias; Flatland’s classifier always has one.' };
  const body = builderBody(layers, input, classes);
  if (!body) return { problem: 'The model’s layers cannot be written as a Flatland model.' };
  return { layers: body };
}
