/**
 * Coalesces requests to an async computation: at most one call is in flight, and of the requests
 * that arrive meanwhile only the newest is kept (it replaces the queued one). Dragging a slider
 * sends dozens of positions a second; the worker can evaluate a handful, and only the position the
 * thumb rests on matters. The intermediate result of the call in flight is still delivered, so
 * readouts follow the drag, and results arrive in request order, so an older one can never
 * overwrite a newer one. `cancel()` drops the queued request and the result of the call in flight.
 *
 * `flush()` is for the release of the slider: the queued request is then the final position, and
 * waiting for the stale call in flight would add up to a whole evaluation to the time until the
 * readout shows it. It starts the queued request at once and drops the stale call's result (the
 * worker abandons that call at its next checkpoint, see `src/worker/probe.ts`).
 */
export interface Coalescer<A> {
  request: (arg: A) => void;
  /** Starts the queued request now, dropping the result of the call in flight (if both exist). */
  flush: () => void;
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

class LatestOnly<A, R> implements Coalescer<A> {
  private queued: { arg: A } | null = null;
  /** Results of calls started in an older epoch are dropped (cancel, flush). */
  private epoch = 0;
  /** The drain loop that owns the queue (0: none); older loops end after their call in flight. */
  private owner = 0;
  private loops = 0;
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly compute: (arg: A) => Promise<R>,
    private readonly handlers: CoalescerHandlers<A, R>,
  ) {}

  request(arg: A): void {
    if (this.owner !== 0) this.queued = { arg };
    else this.start(arg);
  }

  flush(): void {
    if (this.owner === 0 || !this.queued) return;
    const { arg } = this.queued;
    this.queued = null;
    this.epoch += 1;
    this.start(arg);
  }

  cancel(): void {
    this.epoch += 1;
    this.queued = null;
  }

  busy(): boolean {
    return this.owner !== 0;
  }

  async whenIdle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active]);
  }

  private start(arg: A): void {
    this.owner = ++this.loops;
    const loop = this.drain(arg, this.owner);
    this.active.add(loop);
    void loop.finally(() => this.active.delete(loop));
  }

  private async drain(first: A, id: number): Promise<void> {
    let next: { arg: A } | null = { arg: first };
    while (next) {
      await this.runOne(next.arg);
      // A flush handed the queue to a newer loop while this one's call was in flight.
      if (this.owner !== id) return;
      next = this.queued;
      this.queued = null;
    }
    this.owner = 0;
  }

  private async runOne(arg: A): Promise<void> {
    const started = this.epoch;
    try {
      const result = await this.compute(arg);
      if (started === this.epoch) this.handlers.onResult(result, arg, this.queued === null);
    } catch (error) {
      if (started === this.epoch) this.handlers.onError(error, arg);
    }
  }
}

export function createCoalescer<A, R>(
  compute: (arg: A) => Promise<R>,
  handlers: CoalescerHandlers<A, R>,
): Coalescer<A> {
  return new LatestOnly(compute, handlers);
}
