/**
 * Links: the page URL carries the configuration so that a link reproduces an experiment.
 * Version-3 links (`?v=3&train.optimizer=sam&landscape.gridSize=11`; version 2 is read the same)
 * name each setting by its
 * path in the settings schema and hold only values that differ from the defaults; links without
 * `v` are version 1 (`?optimizer=sam&asam=1&grid=11`) and keep working through the schema's
 * migration. Every value is checked by the schema; invalid ones are reported, not applied.
 */
import {
  CROSS_RULES,
  getPath,
  GROUPS,
  LEAVES,
  problemWith,
  SCHEMA_VERSION,
  setPath,
  SettingsSchema,
  V1_PARAMS,
  v1Entries,
  v2Entries,
  type Settings,
  type TextEntry,
} from '../schema';
import * as v from 'valibot';
import type { IgnoredParam } from '../store/types';
import type { BackendRequest, LandscapeConfig, TrainConfig } from '../domain/api';

export interface UrlConfig {
  backend: BackendRequest;
  train: Partial<TrainConfig>;
  landscape: Partial<LandscapeConfig>;
  interpolation: Partial<Settings['interpolation']>;
  sharpness: Partial<Settings['sharpness']>;
  /** The preset the link was made from, if any. */
  preset?: string;
  ignored: IgnoredParam[];
}

/** Version-1 parameter names, in the order they were documented. */
export const URL_PARAMS = Object.keys(V1_PARAMS);

/** The settings values a link holds, or why some of them cannot be used. */
function linkEntries(params: URLSearchParams, ignored: IgnoredParam[]): TextEntry[] {
  const version = params.get('v');
  if (version === null || version.trim() === '1') return v1Entries((name) => params.get(name));
  // Version 3 only added a leaf, so version-2 links read as version-3 ones.
  if (version.trim() !== String(SCHEMA_VERSION) && version.trim() !== '2') {
    const reason = `unknown link version: expected 1 to ${SCHEMA_VERSION}`;
    ignored.push({ name: 'v', value: version, reason });
  }
  for (const [name, value] of params) {
    // Other tools may add their own parameters (utm_source); only our groups are reported.
    const ours = GROUPS.has(name.split('.')[0]!) && name.includes('.');
    if (ours && !LEAVES.has(name)) ignored.push({ name, value, reason: 'unknown setting' });
  }
  return v2Entries(params);
}

/** Drops the link's values that break a rule between fields (batch vs subset, α range). */
function checkCrossRules(accepted: Map<string, TextEntry>, ignored: IgnoredParam[]): void {
  for (let pass = 0; pass < CROSS_RULES.length + 1; pass++) {
    const partial: Record<string, unknown> = { version: SCHEMA_VERSION };
    for (const entry of accepted.values()) setPath(partial, entry.path, entry.value);
    const merged = v.parse(SettingsSchema.pipe[0], partial);
    const broken = CROSS_RULES.map((rule) => ({ rule, message: rule.problem(merged) })).find(
      (r) => r.message !== null && r.rule.paths.some((p) => accepted.has(p)),
    );
    if (!broken) return;
    // The first of the rule's fields that the link set is the one it gets wrong.
    const culprit = accepted.get(broken.rule.paths.find((p) => accepted.has(p))!)!;
    for (const [path, entry] of accepted) if (entry.name === culprit.name) accepted.delete(path);
    ignored.push({ name: culprit.name, value: culprit.raw, reason: broken.message! });
  }
}

function toUrlConfig(accepted: Map<string, TextEntry>, ignored: IgnoredParam[]): UrlConfig {
  const value: Record<string, unknown> = {};
  for (const entry of accepted.values()) setPath(value, entry.path, entry.value);
  const part = (key: string) => (value[key] ?? {}) as Record<string, unknown>;
  const config: UrlConfig = {
    backend: (value.backend as BackendRequest | undefined) ?? 'auto',
    train: part('train'),
    landscape: part('landscape'),
    interpolation: part('interpolation'),
    sharpness: part('sharpness'),
    ignored,
  };
  if (typeof value.preset === 'string') config.preset = value.preset;
  return config;
}

/**
 * Parses a query string. Unknown parameters of version-1 links are left alone (other tools may
 * add their own); values the schema rejects are skipped and listed in `ignored` with the reason.
 */
export function parseUrlConfig(search: string): UrlConfig {
  const params = new URLSearchParams(search);
  const ignored: IgnoredParam[] = [];
  const accepted = new Map<string, TextEntry>();
  for (const entry of linkEntries(params, ignored)) {
    const problem = problemWith(LEAVES.get(entry.path)!.schema, entry.value);
    if (problem === null) accepted.set(entry.path, entry);
    else if (!ignored.some((p) => p.name === entry.name)) {
      ignored.push({ name: entry.name, value: entry.raw, reason: problem });
    }
  }
  checkCrossRules(accepted, ignored);
  return toUrlConfig(accepted, ignored);
}

/**
 * The version-2 query string of the settings: only values that differ from the defaults (and
 * every flat-minima override, as those follow the optimizer's paper defaults when absent), so
 * that links stay short and a changed default reaches old links. '' when all are defaults.
 */
export function settingsQuery(settings: Settings): string {
  const params = new URLSearchParams();
  for (const leaf of LEAVES.values()) {
    const value = getPath(settings, leaf.path);
    if (value === undefined || value === leaf.default) continue;
    params.set(leaf.path, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  if (params.size === 0) return '';
  return `v=${SCHEMA_VERSION}&${params.toString()}`;
}
