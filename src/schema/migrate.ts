/**
 * Older shapes of the settings, upgraded to the current one.
 *
 * Version 1 is the flat set of URL parameters links carried before they were versioned (a link
 * without `v=`): `?optimizer=sam&asam=1&grid=11`, text values, choices in any case, `subset=all`
 * for the whole set, one `evalSamples` for both the metrics and the landscape. Version 2 is the
 * nested shape of `SettingsSchema`; its links name each leaf by its dotted path. Version 3 added
 * one optional leaf (`train.layers`, the model builder's layers, and the model id `custom`), so
 * a version-2 object is a version-3 one as it is: its built-in model needs no layers.
 */
import { fromText } from './fields';
import { isRecord, LEAVES, setPath } from './leaves';
import { SCHEMA_VERSION } from './settings';

/** Version-1 parameter name → the version-2 paths it sets, in the order links documented them. */
export const V1_PARAMS: Readonly<Record<string, readonly string[]>> = {
  backend: ['backend'],
  dataset: ['train.dataset'],
  subset: ['train.subset'],
  model: ['train.model'],
  optimizer: ['train.optimizer'],
  lr: ['train.lr'],
  momentum: ['train.momentum'],
  batch: ['train.batchSize'],
  epochs: ['train.epochs'],
  seed: ['train.seed'],
  // One sample size for the per-epoch metrics and for the landscape, so both use the same data.
  evalSamples: ['train.evalSamples', 'landscape.evalSamples'],
  slice: ['landscape.slicePoints'],
  grid: ['landscape.gridSize'],
  base: ['train.flat.base'],
  rho: ['train.flat.rho'],
  asam: ['train.flat.adaptive'],
  swaStart: ['train.flat.swaStart'],
  swaEvery: ['train.flat.swaEvery'],
  swaLr: ['train.flat.swaLr'],
  schedule: ['train.flat.schedule'],
  stepSize: ['train.flat.stepSize'],
  gamma: ['train.flat.gamma'],
  cycle: ['train.flat.cycle'],
  annealEpochs: ['train.flat.annealEpochs'],
  labelNoise: ['train.flat.labelNoise'],
};

/** One value on its way into the settings, with the parameter it came from (for messages). */
export interface TextEntry {
  path: string;
  name: string;
  raw: string;
  value: unknown;
}

/** Version 1 wrote the whole training set as `subset=all` (or 0). */
function v1Value(path: string, raw: string): unknown {
  if (path === 'train.subset' && raw.trim().toLowerCase() === 'all') return 0;
  return fromText(LEAVES.get(path)!.schema, raw);
}

/**
 * The version-1 parameters, each read as the value(s) it sets, in the documented order; `get`
 * gives a parameter's text or null (for a URL, its first occurrence, as version 1 read it).
 */
export function v1Entries(get: (name: string) => string | null): TextEntry[] {
  const entries: TextEntry[] = [];
  for (const [name, paths] of Object.entries(V1_PARAMS)) {
    const raw = get(name);
    if (raw === null) continue;
    for (const path of paths) entries.push({ path, name, raw, value: v1Value(path, raw) });
  }
  return entries;
}

/** Version-2 link parameters (dotted paths) among `params`; other names are not ours. */
export function v2Entries(params: Iterable<[string, string]>): TextEntry[] {
  const entries: TextEntry[] = [];
  for (const [name, raw] of params) {
    const leaf = LEAVES.get(name);
    if (leaf) entries.push({ path: name, name, raw, value: fromText(leaf.schema, raw) });
  }
  return entries;
}

export type MigrateResult =
  | { ok: true; value: Record<string, unknown>; from: number; dropped: string[] }
  | { ok: false; message: string };

const text = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));

/**
 * Upgrades settings of any known version to the current shape (not yet validated: the schema
 * does that). An object without `version` is version 1, as a link without `v=` is. `dropped`
 * lists version-1 names that set nothing.
 */
export function migrate(input: unknown): MigrateResult {
  if (!isRecord(input)) return { ok: false, message: 'expected an object of settings' };
  const version = input.version ?? 1;
  if (version === SCHEMA_VERSION) return { ok: true, value: input, from: version, dropped: [] };
  if (version === 2) {
    return { ok: true, value: { ...input, version: SCHEMA_VERSION }, from: 2, dropped: [] };
  }
  if (version !== 1) {
    return {
      ok: false,
      message: `unknown settings version ${text(version)}: this Flatland reads versions 1 to ${SCHEMA_VERSION}`,
    };
  }
  const fields = Object.entries(input).filter(([name]) => name !== 'version');
  const value: Record<string, unknown> = { version: SCHEMA_VERSION };
  const get = (name: string) => (Object.hasOwn(input, name) ? text(input[name]) : null);
  for (const entry of v1Entries(get)) {
    setPath(value, entry.path, entry.value);
  }
  const dropped = fields.map(([name]) => name).filter((name) => !Object.hasOwn(V1_PARAMS, name));
  return { ok: true, value, from: 1, dropped };
}
