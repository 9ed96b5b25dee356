/**
 * Cancellation of long jobs (slices, grids, sharpness, interpolations). The engine throws a
 * {@link CancelledError}; Comlink clones it to the UI thread as a plain Error that keeps its name,
 * so {@link isCancelledError} checks the name, not the class.
 */

/** Thrown by jobs stopped through their `isCancelled`/`signal` options or the worker's cancel(). */
export class CancelledError extends Error {
  constructor() {
    super('Landscape evaluation cancelled');
    this.name = 'CancelledError';
  }
}

/** True when `e` is a cancellation, on either side of the worker boundary. */
export function isCancelledError(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && e.name === 'CancelledError');
}
