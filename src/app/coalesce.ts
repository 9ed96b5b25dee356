/**
 * Coalesces requests to an async computation: at most one call is in flight, and of the requests
 * that arrive meanwhile only the newest is kept (it replaces the queued one). Dragging a slider
 * sends dozens of positions a second; the worker can evaluate a handful, and only the position the
 * thumb rests on matters. The intermediate result of the call in flight is still delivered, so
 * readouts follow the drag, and results arrive in request order, so an older one can never
 * overwrite a newer one. `cancel()` drops the queued request and the result of the call in flight.
 */
export interface Coalescer<A> {
  request: (arg: A) => void;
  /** Forgets the queued request; the call in flight finishes but its result is dropped. */
  cancel: () => void;
  /** True while a computation is running or waiting. */
  busy: () => boolean;
  /** Resolves once nothing is running or waiting (at once when idle). */
  whenIdle: () => Promise<void>;
}

export interface CoalescerHandlers<A, R> {
  /** `latest` is false when a newer request is already queued behind this result. */
  onResult: (result: R, arg: A, latest: boolean) => void;
  onError: (error: unknown, arg: A) => void;
}

export function createCoalescer<A, R>(
  compute: (arg: A) => Promise<R>,
  handlers: CoalescerHandlers<A, R>,
): Coalescer<A> {
  let running = false;
  let queued: { arg: A } | null = null;
  let epoch = 0;
  let draining: Promise<void> = Promise.resolve();

  const runOne = async (arg: A): Promise<void> => {
    const started = epoch;
    try {
      const result = await compute(arg);
      if (started === epoch) handlers.onResult(result, arg, queued === null);
    } catch (error) {
      if (started === epoch) handlers.onError(error, arg);
    }
  };

  const drain = async (first: A): Promise<void> => {
    running = true;
    let next: { arg: A } | null = { arg: first };
    while (next) {
      await runOne(next.arg);
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
    cancel: () => {
      epoch += 1;
      queued = null;
    },
    busy: () => running,
    whenIdle: () => draining,
  };
}
