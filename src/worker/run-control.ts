/**
 * Pause / resume / stop for long computations in the worker. The loop calls `checkpoint()`
 * between steps; Comlink delivers pause/stop calls while the loop awaits readbacks.
 */
export class RunControl {
  private paused = false;
  private stopped = false;
  private resumeWaiters: Array<() => void> = [];
  private failure: string | null = null;
  private failureWaiters: Array<(error: Error) => void> = [];

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    this.resume();
  }

  private wake(): void {
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((w) => w());
  }

  /**
   * Makes the running loop fail at its next checkpoint, and any readback it awaits through
   * {@link guard} at once (e.g. the GPU device was lost: its readbacks may never settle).
   * Unlike stop(), the failure can be cleared when the run recovers.
   */
  fail(message: string): void {
    this.failure = message;
    const waiters = this.failureWaiters;
    this.failureWaiters = [];
    waiters.forEach((w) => w(new Error(message)));
    this.wake();
  }

  /** Forgets a failure once the loop has recovered from it (a pause stays as the user left it). */
  clearFailure(): void {
    this.failure = null;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get failed(): string | null {
    return this.failure;
  }

  /** `work`, or a rejection as soon as fail() is called; a late rejection of `work` is ignored. */
  guard<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    if (this.failure) return Promise.reject(new Error(this.failure));
    let reject: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, r) => (reject = r));
    this.failureWaiters.push(reject);
    return Promise.race([work, failed]).finally(() => {
      this.failureWaiters = this.failureWaiters.filter((w) => w !== reject);
    });
  }

  /** Resolves when the loop may continue; returns false when it must stop. Throws after fail(). */
  async checkpoint(): Promise<boolean> {
    if (this.paused && !this.stopped && !this.failure) {
      await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
    }
    if (this.failure) throw new Error(this.failure);
    return !this.stopped;
  }
}
