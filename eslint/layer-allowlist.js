// Today's remaining imports against the layer table (docs/architecture.md), one entry per file and
// the layer it imports: `src/<file> -> <layer>`. The `flatland/layers` rule accepts exactly these,
// so no new violation can land; fix one by moving the code to the right layer, then delete its
// line (the rule reports entries that no longer match as stale, so the list only shrinks).
// Measured after issue 16 steps 1-2; see docs/architecture.md for what each group is waiting on.
export default ['src/features/directions/direction-options.test.ts -> worker'];
