// Heap snapshot of a page, summarised by what holds the bytes: the app's JS data (objects,
// arrays, closures, strings, numbers), V8's compiled code and its metadata, and native/DOM
// objects (including the browser's bounded performance-entry buffers). The soak compares two of
// these, so growth can be told apart: JS data that would be a leak, from the JIT compiling more of
// the bundle as new code paths run.

const CATEGORY = {
  object: 'jsData',
  array: 'jsData',
  closure: 'jsData',
  string: 'jsData',
  'concatenated string': 'jsData',
  'sliced string': 'jsData',
  number: 'jsData',
  bigint: 'jsData',
  regexp: 'jsData',
  symbol: 'jsData',
  code: 'compiledCode',
  hidden: 'v8Internal',
  'object shape': 'v8Internal',
  native: 'native',
  synthetic: 'v8Internal',
};

/**
 * Bytes per category of a CDP heap snapshot (after a forced GC).
 * @param {import('@playwright/test').CDPSession} cdp a session attached to the page
 */
export async function heapSummary(cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snap = JSON.parse(chunks.join(''));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const step = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const out = { jsData: 0, compiledCode: 0, v8Internal: 0, native: 0, other: 0 };
  for (let i = 0; i < snap.nodes.length; i += step) {
    const category = CATEGORY[types[snap.nodes[i + typeAt]]] ?? 'other';
    out[category] += snap.nodes[i + sizeAt];
  }
  return out;
}
