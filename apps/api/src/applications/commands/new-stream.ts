import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamRead,
  RecordedEvent,
  SubscribeOptions,
} from '@app/event-store';

/**
 * The store as a command sees it when it creates a stream under a random UUID, which no one can
 * have used before: the first read of that stream answers "empty" without a round trip. Should the
 * stream exist after all, the append (which then expects no stream) is refused and the command loop
 * reads again, for real. Not for ids derived from an Idempotency-Key: a retry must find its events.
 */
export function assumingNewStream(store: EventStore, streamId: string): EventStore {
  return new AssumingNewStream(store, streamId);
}

class AssumingNewStream implements EventStore {
  private assumed = false;

  constructor(
    private readonly store: EventStore,
    private readonly streamId: string,
  ) {}

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    if (streamId === this.streamId && !this.assumed) {
      this.assumed = true;
      return Promise.resolve([]);
    }
    return this.store.readStream(streamId, options);
  }

  readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    return this.store.readStreams(reads);
  }

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.store.append(streamId, events, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    return this.store.subscribe(options);
  }

  headPosition(): Promise<number> {
    return this.store.headPosition();
  }

  reservationHolder(key: string): Promise<string | null> {
    return this.store.reservationHolder(key);
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
