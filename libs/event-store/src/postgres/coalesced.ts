/**
 * Runs `task` after every `request()`, but never two at once and never more often than once per
 * `gapMs`: requests that arrive while a run is in flight or waiting are all answered by the next
 * run, which starts after each of them. Made for NOTIFY after commit: one notification per few
 * milliseconds tells every listener what a thousand appends would have.
 */
export class Coalesced {
  private requested = false;
  private running?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lastStart = -Infinity;
  private closed = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly gapMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  request(): void {
    if (this.closed) return;
    this.requested = true;
    if (!this.running && !this.timer) this.schedule();
  }

  /** Runs what was requested and not yet run, waits for the run in flight, then accepts no more. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.requested) await this.run();
  }

  private schedule(): void {
    const wait = Math.max(0, this.lastStart + this.gapMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  private run(): Promise<void> {
    this.requested = false;
    this.lastStart = performance.now();
    const running = this.task()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.requested && !this.closed) this.schedule();
      });
    this.running = running;
    return running;
  }
}
