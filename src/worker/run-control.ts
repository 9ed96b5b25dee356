/**
 * Pause / resume / stop for long computations in the worker. The loop calls `checkpoint()`
 * between steps; Comlink delivers pause/stop calls while the loop awaits readbacks.
 */
export class RunControl {
  private paused = false;
  private stopped = false;
  private resumeWaiters: Array<() => void> = [];
  private failure: string | null = null;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    waiters.forEach((w) => w());
  }

  stop(): void {
    this.stopped = true;
    this.resume();
  }

  /** Makes the running loop fail at its next checkpoint (e.g. the GPU device was lost). */
  fail(message: string): void {
    this.failure = message;
    this.stop();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resolves when the loop may continue; returns false when it must stop. Throws after fail(). */
  async checkpoint(): Promise<boolean> {
    if (this.paused && !this.stopped) {
      await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
    }
    if (this.failure) throw new Error(this.failure);
    return !this.stopped;
  }
}
