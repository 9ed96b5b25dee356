/** `parseSettings`: any known version of the settings in, valid current settings or issues out. */
import * as v from 'valibot';
import { unknownPaths } from './leaves';
import { migrate } from './migrate';
import { SCHEMA_VERSION, SettingsSchema, type Settings } from './settings';

export interface SettingsIssue {
  /** Dotted path of the field ('train.lr'); '' for the object as a whole. */
  path: string;
  message: string;
}

export type ParseSettingsResult =
  { ok: true; value: Settings; warnings: string[] } | { ok: false; issues: SettingsIssue[] };

/**
 * Checks settings from a file or any other outside source. Older versions are migrated first;
 * missing fields take their defaults; unknown fields are dropped with a warning; any invalid
 * value (wrong type, out of range, a rule between fields broken) fails the whole object, so a
 * caller applies all of it or nothing.
 */
export function parseSettings(input: unknown): ParseSettingsResult {
  const migrated = migrate(input);
  if (!migrated.ok) return { ok: false, issues: [{ path: '', message: migrated.message }] };
  const warnings: string[] = [];
  if (migrated.from !== SCHEMA_VERSION) {
    warnings.push(`upgraded from settings version ${migrated.from} to ${SCHEMA_VERSION}`);
  }
  const unknown = [...migrated.dropped, ...unknownPaths(migrated.value)];
  for (const path of unknown) warnings.push(`unknown setting '${path}' ignored`);
  const result = v.safeParse(SettingsSchema, migrated.value);
  if (!result.success) {
    const issues = result.issues.map((issue) => ({
      path: v.getDotPath(issue) ?? '',
      message: issue.message,
    }));
    return { ok: false, issues };
  }
  return { ok: true, value: result.output, warnings };
}
