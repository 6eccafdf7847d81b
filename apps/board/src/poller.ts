/**
 * Runs `work` about every `intervalMs` while the tab is visible, never two at once. `now()` runs it
 * at once (a filter changed); a call during a run is remembered and done right after it.
 */
export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private pending: boolean | undefined;

  constructor(
    private readonly work: (force: boolean) => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) clearTimeout(this.timer);
      else this.now(false);
    });
    this.now(true);
  }

  now(force: boolean): void {
    if (this.running) {
      this.pending = (this.pending ?? false) || force;
      return;
    }
    clearTimeout(this.timer);
    void this.run(force);
  }

  private async run(force: boolean): Promise<void> {
    this.running = true;
    try {
      await this.work(force);
    } catch (error) {
      console.error('The board could not refresh', error);
    } finally {
      this.running = false;
    }
    if (this.pending !== undefined) {
      const again = this.pending;
      this.pending = undefined;
      return this.run(again);
    }
    if (!document.hidden) this.timer = setTimeout(() => this.now(false), this.intervalMs);
  }
}
