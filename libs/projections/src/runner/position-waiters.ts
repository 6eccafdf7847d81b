/**
 * Promises that resolve when a position is reached, or with false at their deadline. Driven by
 * whoever learns of a new position (a committed batch, a notification): nothing here polls.
 */
export class PositionWaiters {
  private current = 0;
  private readonly waiting = new Set<{ position: number; done: (reached: boolean) => void }>();

  get position(): number {
    return this.current;
  }

  /** Positions only move forward here; a rebuild that lands on a lower one is reported with `reset`. */
  advance(position: number): void {
    if (position <= this.current) return;
    this.current = position;
    for (const waiter of this.waiting) if (waiter.position <= position) waiter.done(true);
  }

  reset(position: number): void {
    this.current = position;
  }

  get count(): number {
    return this.waiting.size;
  }

  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current >= position) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        position,
        done: (reached: boolean) => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.done(false), timeoutMs);
      this.waiting.add(waiter);
    });
  }

  /** Resolves every waiter with false: the process is stopping. */
  cancelAll(): void {
    for (const waiter of this.waiting) waiter.done(false);
  }
}
