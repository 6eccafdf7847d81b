import type { EventStore, NewEvent, RecordedEvent } from '../../event-store';

/**
 * A subscription running in the background that remembers when each event arrived, for tests that
 * measure how long a subscriber waits. Waits are on arrivals, with a deadline, never on the clock.
 */
export class LiveSubscriber {
  readonly events: RecordedEvent[] = [];
  private readonly arrivals = new Map<string, number>();
  private readonly waiting = new Set<() => void>();
  private readonly controller = new AbortController();
  private readonly loop: Promise<void>;

  constructor(store: EventStore, after: number | null) {
    this.loop = (async () => {
      for await (const batch of store.subscribe({ after, signal: this.controller.signal })) {
        const now = performance.now();
        for (const event of batch) {
          this.events.push(event);
          if (!this.arrivals.has(event.type)) this.arrivals.set(event.type, now);
        }
        for (const check of this.waiting) check();
      }
    })();
  }

  get types(): string[] {
    return this.events.map((e) => e.type);
  }

  /** When the first event of `type` arrived (performance.now()); rejects if it has not within `timeoutMs`. */
  arrivalOf(type: string, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const at = this.arrivals.get(type);
        if (at === undefined) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(at);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`no ${type} event within ${timeoutMs} ms; received ${this.types.join(', ') || 'nothing'}`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
    });
  }

  /** Milliseconds from the append's acknowledgement to the subscriber's receipt of its event. */
  async delayOf(append: () => Promise<unknown>, type: string, timeoutMs = 5_000): Promise<number> {
    await append();
    const acknowledged = performance.now();
    return Math.max(0, (await this.arrivalOf(type, timeoutMs)) - acknowledged);
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }
}

export const event = (type: string): NewEvent => ({ type, schemaVersion: 1, data: {} });
