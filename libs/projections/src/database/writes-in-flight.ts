/**
 * Writes sent while the next batch is prepared, at most `width` out at once: a write waits to be
 * sent until one of those out has ended. The first failure is thrown, from `send` or from `drain`,
 * which waits for every write sent.
 */
export class WritesInFlight {
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly width: number) {}

  async send(write: () => Promise<void>): Promise<void> {
    while (this.pending.size >= this.width && !this.failure) await Promise.race(this.pending);
    this.throwIfFailed();
    const tracked: Promise<void> = write().then(
      () => {
        this.pending.delete(tracked);
      },
      (error: unknown) => {
        this.pending.delete(tracked);
        this.failure ??= { error };
      },
    );
    this.pending.add(tracked);
  }

  async drain(): Promise<void> {
    await this.settled();
    this.throwIfFailed();
  }

  /** Every write sent has ended, whatever its outcome. */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
