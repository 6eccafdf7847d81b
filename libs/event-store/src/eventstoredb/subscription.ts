import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store';
import { BackoffPolicy, backoffDelay, sleep } from './backoff';
import type { EventStoreDbClientPort, LogSubscription } from './client-port';
import { accepts, LogSelection, serverFilter } from './log-selection';
import { toPosition, toReadPosition, toRecordedEvent } from './mapping';

export interface FollowLogOptions {
  /** Exclusive: the position of the last event the consumer has. */
  after: number | null;
  maxBatchSize: number;
  signal?: AbortSignal;
  selection: LogSelection;
  backoff: BackoffPolicy;
  warn: (message: string, error?: unknown) => void;
  random?: () => number;
}

/**
 * Catch-up then live batches of $all. A subscription that fails, or that the server ends, is opened
 * again after the last event handed to the consumer, after a capped exponential delay; events at or
 * before that position are dropped, so a server that repeats the boundary event cannot cause a
 * duplicate. An event this adapter cannot read is not a connection problem: it ends the iteration
 * with an error instead of being retried forever.
 */
export async function* followLog(
  client: EventStoreDbClientPort,
  options: FollowLogOptions,
): AsyncGenerator<RecordedEvent[]> {
  const { signal, maxBatchSize, selection } = options;
  let after = options.after;
  let failures = 0;
  while (!signal?.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: toReadPosition(after),
      filter: serverFilter(selection),
    });
    const buffer = new BatchBuffer(subscription, maxBatchSize * 2);
    let failure: unknown;
    try {
      for (;;) {
        let raw: AllStreamResolvedEvent[] | null;
        try {
          raw = await buffer.take(maxBatchSize, signal);
        } catch (error) {
          failure = error;
          break;
        }
        if (raw === null) break;
        failures = 0;
        const batch = ours(raw, after, selection);
        if (batch.length === 0) continue;
        after = batch[batch.length - 1].position;
        yield batch;
      }
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
    if (signal?.aborted) return;
    const delay = backoffDelay(failures++, options.backoff, options.random);
    const why = failure === undefined ? 'was ended by the server' : 'failed';
    options.warn(`subscription to $all ${why}; resubscribing after position ${String(after)} in ${delay} ms`, failure);
    await sleep(delay, signal);
  }
}

function ours(raw: AllStreamResolvedEvent[], after: number | null, selection: LogSelection): RecordedEvent[] {
  const batch: RecordedEvent[] = [];
  for (const { event } of raw) {
    if (!event || !accepts(selection, event)) continue;
    if (after !== null && toPosition(event.position, event) <= after) continue;
    batch.push(toRecordedEvent(event));
  }
  return batch;
}

/**
 * Holds what a subscription pushes until the consumer takes it, so that one take returns everything
 * that has arrived (up to a limit) rather than one event at a time. Past the high-water mark it pauses
 * the subscription, which pushes back on the server instead of buffering without bound.
 */
export class BatchBuffer {
  private readonly items: AllStreamResolvedEvent[] = [];
  private failure: Error | null = null;
  private finished = false;
  private paused = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly source: LogSubscription,
    private readonly highWaterMark: number,
  ) {
    // These listeners stay for the life of the subscription: an 'error' emitted with no listener
    // (say, while it is being torn down) would crash the process.
    source.on('data', (event) => {
      this.items.push(event);
      if (!this.paused && this.items.length >= this.highWaterMark) {
        this.paused = true;
        source.pause();
      }
      this.notify();
    });
    source.on('error', (error) => {
      this.failure ??= error;
      this.notify();
    });
    source.on('end', () => this.finish());
    source.on('close', () => this.finish());
  }

  /**
   * Everything that has arrived, up to `max`, waiting for at least one event. Null once the source
   * has ended or the signal has aborted; the source's error is thrown after the events before it.
   */
  async take(max: number, signal?: AbortSignal): Promise<AllStreamResolvedEvent[] | null> {
    for (;;) {
      if (signal?.aborted) return null;
      if (this.items.length > 0) break;
      if (this.failure) throw this.failure;
      if (this.finished) return null;
      await this.changed(signal);
    }
    const batch = this.items.splice(0, max);
    if (this.paused && this.items.length <= this.highWaterMark / 2) {
      this.paused = false;
      this.source.resume();
    }
    return batch;
  }

  private finish(): void {
    this.finished = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.wake = done;
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
