/**
 * Keeps the address bar a link to the current experiment: whenever a setting changes, the URL is
 * rewritten (without a new history entry) to the version-2 query of the settings in force.
 */
import type { FlatlandStore } from '../store';
import type { Settings } from '../schema';
import type { BackendRequest } from '../domain/api';
import { GROUPS, LEAVES, SCHEMA_VERSION, V1_PARAMS } from '../schema';
import { settingsQuery, type UrlConfig } from './url-config';

type State = ReturnType<FlatlandStore['getState']>;

/** Puts the settings of a parsed link into the store (the page does so once, as it opens). */
export function applyUrlConfig(store: FlatlandStore, url: UrlConfig): void {
  const s = store.getState();
  s.setTrain(url.train);
  s.setLandscapeConfig(url.landscape);
  s.setInterpolationDraft(url.interpolation);
  s.setSharpnessSettings(url.sharpness);
  s.setPreset(url.preset ?? null);
  s.setIgnoredParams(url.ignored);
}

/** The settings of the page as the schema shapes them (what links and run files carry). */
export function currentSettings(state: State, backend: BackendRequest): Settings {
  // The checkpoint a direction points to and the run it shares with exist in this browser only.
  const directions = { ...state.landscapeConfig.directions };
  delete directions.towards;
  delete directions.shareWith;
  const { from, to, points } = state.analysis.interpolation.draft;
  const sharpness = state.analysis.sharpness.settings;
  const settings: Settings = {
    version: SCHEMA_VERSION,
    backend,
    // A config without it (an older run's) does not track: 0.
    train: {
      ...state.train,
      sharpnessEvery: state.train.sharpnessEvery ?? 0,
      flat: { ...state.train.flat },
    },
    landscape: {
      ...state.landscapeConfig,
      labels: state.landscapeConfig.labels ?? 'trained',
      directions: { ...defaultsOfDirections(), ...directions },
    },
    interpolation: { from, to, points },
    sharpness: { ...sharpness, labels: sharpness.labels ?? 'trained' },
  };
  if (state.preset !== null) settings.preset = state.preset;
  return settings;
}

function defaultsOfDirections(): Settings['landscape']['directions'] {
  const out: Record<string, unknown> = {};
  for (const leaf of LEAVES.values()) {
    if (leaf.path.startsWith('landscape.directions.')) out[leaf.path.split('.')[2]!] = leaf.default;
  }
  return out as Settings['landscape']['directions'];
}

/** Parameters of other tools in the current URL (not settings of any version), kept as they are. */
function foreignParams(search: string): [string, string][] {
  return [...new URLSearchParams(search)].filter(([name]) => {
    const ours =
      name === 'v' ||
      Object.hasOwn(V1_PARAMS, name) ||
      LEAVES.has(name) ||
      (name.includes('.') && GROUPS.has(name.split('.')[0]!));
    return !ours;
  });
}

/** The URL's query for these settings, keeping other tools' parameters after ours. */
export function linkSearch(settings: Settings, currentSearch: string): string {
  const query = [
    settingsQuery(settings),
    new URLSearchParams(foreignParams(currentSearch)).toString(),
  ]
    .filter((part) => part !== '')
    .join('&');
  return query === '' ? '' : `?${query}`;
}

/** Rewrites the URL on every settings change; returns the unsubscribe function. */
export function linkSettingsToUrl(store: FlatlandStore, backend: BackendRequest): () => void {
  let last = '';
  let seen: unknown[] = [];
  return store.subscribe((state) => {
    // Training updates the store many times a second; only the settings' objects matter here.
    const parts = [
      state.train,
      state.landscapeConfig,
      state.preset,
      state.analysis.interpolation.draft,
      state.analysis.sharpness.settings,
    ];
    if (parts.every((part, i) => part === seen[i])) return;
    seen = parts;
    const search = linkSearch(currentSettings(state, backend), window.location.search);
    if (search === last) return;
    last = search;
    if (search === window.location.search) return;
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  });
}
