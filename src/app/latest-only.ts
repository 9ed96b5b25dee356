/**
 * Runs an async computation so that at most one call is in flight and, of the requests that
 * arrive meanwhile, only the newest is computed next. Dragging a slider sends dozens of positions a
 * second; the worker can evaluate a handful, and only the position the thumb rests on matters.
 */
export interface LatestOnly<A> {
  request: (arg: A) => void;
  /** True while a computation is running or waiting. */
  busy: () => boolean;
  /** Resolves once nothing is running or waiting (at once when idle). */
  whenIdle: () => Promise<void>;
}

export interface LatestOnlyHandlers<A, R> {
  onResult: (result: R, arg: A) => void;
  onError: (error: unknown, arg: A) => void;
}

export function latestOnly<A, R>(
  compute: (arg: A) => Promise<R>,
  handlers: LatestOnlyHandlers<A, R>,
): LatestOnly<A> {
  let running = false;
  let queued: { arg: A } | null = null;
  let draining: Promise<void> = Promise.resolve();

  const drain = async (first: A): Promise<void> => {
    running = true;
    let next: { arg: A } | null = { arg: first };
    while (next) {
      const { arg } = next;
      try {
        handlers.onResult(await compute(arg), arg);
      } catch (error) {
        handlers.onError(error, arg);
      }
      next = queued;
      queued = null;
    }
    running = false;
  };

  return {
    request: (arg) => {
      if (running) queued = { arg };
      else draining = drain(arg);
    },
    busy: () => running,
    whenIdle: () => draining,
  };
}
