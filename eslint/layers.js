// Layer boundaries for src/ (docs/architecture.md). A tiny local ESLint rule: it resolves each
// relative import against the importing file, so directory imports ('../store') and deep ones
// ('../store/x') are judged alike, and `features/<x>` is its own layer (no feature imports another).
import path from 'node:path';

/** Who may import whom (besides itself). Package imports are not judged here. */
export const LAYERS = {
  domain: [],
  engine: ['domain'],
  data: ['domain'],
  schema: ['domain'],
  worker: ['engine', 'data', 'domain', 'schema'],
  store: ['domain', 'schema'],
  persistence: ['domain', 'schema'],
  interop: ['domain', 'schema'],
  components: ['domain', 'styles'],
  app: [
    'domain',
    'engine',
    'data',
    'schema',
    'worker',
    'store',
    'persistence',
    'interop',
    'components',
    'styles',
  ],
  feature: ['app', 'store', 'components', 'domain', 'schema', 'styles'],
  // The composition root: the page layout and the views where features meet (a feature may not
  // import another, and app may import none, so they are put together here).
  shell: ['app', 'feature', 'store', 'components', 'domain', 'schema', 'styles'],
  // Entry points wire everything: main.tsx (the page) and headless/ (the Node/Playwright drivers).
  entry: ['*'],
  styles: [],
};

/** The layer of a path relative to src/ ('features/runs/x.ts' -> 'features/runs'), or null. */
export function layerOf(relToSrc) {
  const parts = relToSrc.split(/[\\/]/);
  if (parts[0] === '..' || parts.length === 0) return null;
  if (/^main(\.tsx?)?$/.test(parts[0]) || parts[0] === 'headless') return 'entry';
  if (parts[0] === 'features' && parts.length > 1) return `features/${parts[1]}`;
  return parts[0];
}

const kind = (layer) => (layer.startsWith('features/') ? 'feature' : layer);

/** Why `from` may not import `to`, or null when it may. */
export function violation(from, to) {
  if (from === to) return null;
  const allowed = LAYERS[kind(from)];
  if (!allowed) return null; // an unknown folder: not judged (add it to LAYERS)
  if (allowed.includes('*') || allowed.includes(kind(to)) || allowed.includes(to)) return null;
  if (kind(from) === 'feature' && kind(to) === 'feature')
    return `${from} may not import another feature (${to}); move what they share to components/, app/ or domain/`;
  return `${from} may not import ${to} (allowed: ${allowed.join(', ') || 'nothing of ours'})`;
}

/** Imports `from` a file `to` a layer, as `file -> layer` keys of the allowlist. */
export const allowKey = (file, toLayer) => `${file} -> ${toLayer}`;

export function makeRule({ srcDir, allowlist = [] }) {
  const allowed = new Set(allowlist);
  return {
    meta: {
      type: 'problem',
      docs: { description: 'Enforce the layer table of docs/architecture.md' },
      schema: [],
      messages: {
        layer: '{{why}} (docs/architecture.md)',
        stale:
          'eslint/layer-allowlist.js lists `{{entry}}`, which this file no longer does: delete it',
      },
    },
    create(context) {
      const file = context.filename;
      const rel = path.relative(srcDir, file);
      const from = layerOf(rel);
      if (!from) return {};
      const relPosix = `src/${rel.split(path.sep).join('/')}`;
      const listed = [...allowed].filter((k) => k.startsWith(`${relPosix} -> `));
      const used = new Set();
      function check(node, source) {
        if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
        const target = path.resolve(path.dirname(file), source.value);
        const to = layerOf(path.relative(srcDir, target));
        if (!to) return;
        const why = violation(from, to);
        if (!why) return;
        const key = allowKey(relPosix, to);
        if (allowed.has(key)) used.add(key);
        else context.report({ node: source, messageId: 'layer', data: { why } });
      }
      return {
        ImportDeclaration: (n) => check(n, n.source),
        ExportNamedDeclaration: (n) => check(n, n.source),
        ExportAllDeclaration: (n) => check(n, n.source),
        ImportExpression: (n) => check(n, n.source),
        'Program:exit': (program) => {
          for (const entry of listed)
            if (!used.has(entry))
              context.report({ node: program, messageId: 'stale', data: { entry } });
        },
      };
    },
  };
}
