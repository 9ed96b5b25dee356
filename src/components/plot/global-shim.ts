// Some of Plotly's CommonJS dependencies (has-hover, es6-promise) read Node's `global`, which
// browsers lack; the prebuilt Plotly bundles define it, this custom bundle must do so itself. It is
// a module of its own so that it runs before plotly.js/lib/core is evaluated.
const scope = globalThis as typeof globalThis & { global?: typeof globalThis };
scope.global ??= globalThis;

export {};
