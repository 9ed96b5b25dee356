/**
 * The schema's leaves by dotted path ('train.lr', 'landscape.directions.kind1'): what links
 * are made of, and what one field of the controls or of a file is checked against.
 */
import type * as v from 'valibot';
import { SettingsEntries } from './settings';

export interface Leaf {
  /** Dotted path into the settings object, also the parameter name in version-2 links. */
  path: string;
  /** The leaf's own schema (without the optional wrapper). */
  schema: v.GenericSchema;
  /** The default, or undefined for overrides whose default depends on other settings. */
  default: unknown;
}

type AnySchema = v.GenericSchema & {
  wrapped?: AnySchema;
  default?: unknown;
  entries?: Record<string, AnySchema>;
};

function collect(entries: Record<string, AnySchema>, prefix: string, out: Map<string, Leaf>) {
  for (const [key, entry] of Object.entries(entries)) {
    if (prefix === '' && key === 'version') continue;
    const path = `${prefix}${key}`;
    const inner = entry.type === 'optional' && entry.wrapped ? entry.wrapped : entry;
    if (inner.type === 'object' && inner.entries) collect(inner.entries, `${path}.`, out);
    else out.set(path, { path, schema: inner, default: entry.default });
  }
}

function buildLeaves(): ReadonlyMap<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  collect(SettingsEntries as unknown as Record<string, AnySchema>, '', leaves);
  return leaves;
}

/** Every setting, in the schema's order. */
export const LEAVES = buildLeaves();

/** Names of the objects that group leaves: a dotted key under one of them is ours. */
export const GROUPS = new Set(
  [...LEAVES.keys()].filter((p) => p.includes('.')).map((p) => p.split('.')[0]!),
);

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The value at a dotted path, or undefined where the path leaves the object. */
export function getPath(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Writes a value at a dotted path, creating the objects on the way. */
export function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Dotted paths of the keys of `input` that no leaf or group of the schema has. */
export function unknownPaths(input: Record<string, unknown>, prefix = ''): string[] {
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const path = `${prefix}${key}`;
    if (prefix === '' && key === 'version') continue;
    if (LEAVES.has(path)) continue;
    const isGroup = [...LEAVES.keys()].some((p) => p.startsWith(`${path}.`));
    if (isGroup && isRecord(value)) unknown.push(...unknownPaths(value, `${path}.`));
    else if (!isGroup) unknown.push(path);
  }
  return unknown;
}
