import { PassThrough } from 'node:stream';
import {
  ANY,
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult,
  BACKWARDS,
  END,
  EventData,
  Filter,
  jsonEvent,
  NO_STREAM,
  ReadPosition,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { AllReadRequest, AllSubscriptionRequest, EventStoreDbClientPort, StreamReadRequest } from '../client-port';

/**
 * An in-memory EventStoreDB node that behaves as the server does for what the adapter uses:
 * optimistic appends that fail with WrongExpectedVersionError, StreamNotFoundError on reading a
 * missing stream, log positions that are byte offsets with commit = prepare for every event, forward
 * $all reads that include their start position, backward reads and subscriptions that exclude it,
 * and server-side subscription filters. Every call yields to the event loop first, as a network
 * round trip would, so concurrent callers really interleave.
 */
export class FakeEventStoreDb {
  readonly log: AllStreamRecordedEvent[] = [];
  /** Where each subscription asked to start, for tests of resuming. */
  readonly subscriptionStarts: ReadPosition[] = [];
  /** Lets a test fail an append before it is written, as a lost connection would. */
  failAppend: ((streamName: string) => Error | undefined) | undefined;
  /** This many subscriptions fail as they open, as they would while no node is reachable. */
  refuseSubscriptions = 0;
  /** The server's clock, which stamps events as `created`. */
  clock: () => Date = () => new Date();
  private readonly streams = new Map<string, AllStreamRecordedEvent[]>();
  private readonly live = new Map<FakeSubscription, Filter | undefined>();
  private nextPosition = 0;

  constructor() {
    // A real log never starts with an event of ours: the node writes its own records first.
    this.append('$epoch-information', [jsonEvent({ type: '$epoch-information', data: {} })], ANY);
  }

  client(): FakeEventStoreDbClient {
    return new FakeEventStoreDbClient(this);
  }

  append(streamName: string, events: EventData[], expected: AppendExpectedRevision): AppendResult {
    const failure = this.failAppend?.(streamName);
    if (failure) throw failure;
    const stream = this.streams.get(streamName);
    const current = stream ? BigInt(stream.length - 1) : NO_STREAM;
    const ok =
      expected === ANY ||
      (expected === NO_STREAM && !stream) ||
      (expected === STREAM_EXISTS && !!stream) ||
      (typeof expected === 'bigint' && expected === current);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    const written = stream ?? [];
    this.streams.set(streamName, written);
    const created = this.clock();
    for (const data of events) {
      const at = BigInt(this.nextPosition);
      // Positions are offsets into the log: increasing, far from contiguous.
      this.nextPosition += 100 + JSON.stringify(data.data ?? null).length;
      const event = toRecorded(data, streamName, BigInt(written.length), created, at);
      written.push(event);
      this.log.push(event);
      for (const [subscription, filter] of this.live) {
        if (matches(filter, event)) subscription.write(resolved(event));
      }
    }
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(streamName: string, { direction, fromRevision, maxCount }: StreamReadRequest): ResolvedEvent[] {
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const from =
      fromRevision === undefined || fromRevision === START ? 0 : fromRevision === END ? -1 : Number(fromRevision);
    const selected =
      direction === BACKWARDS
        ? stream.slice(0, from === -1 ? stream.length : from + 1).reverse()
        : stream.slice(from === -1 ? stream.length : from);
    return selected.slice(0, maxCount ?? Infinity).map(resolved);
  }

  readAll({ direction, fromPosition, maxCount }: AllReadRequest): AllStreamResolvedEvent[] {
    const at = (event: AllStreamRecordedEvent) => event.position.prepare;
    let selected: AllStreamRecordedEvent[];
    // The client starts both directions at START unless told otherwise.
    const from = fromPosition ?? START;
    if (direction === BACKWARDS) {
      selected = from === START ? [] : this.log.filter((e) => from === END || at(e) < from.prepare).reverse();
    } else {
      selected = from === END ? [] : this.log.filter((e) => from === START || at(e) >= from.prepare);
    }
    return selected.slice(0, maxCount ?? Infinity).map(resolved);
  }

  subscribe(subscription: FakeSubscription, { fromPosition = START, filter }: AllSubscriptionRequest): void {
    this.subscriptionStarts.push(fromPosition);
    const refused = this.refuseSubscriptions > 0;
    if (refused) this.refuseSubscriptions--;
    setImmediate(() => {
      if (subscription.destroyed) return;
      if (refused) return void subscription.emit('error', new UnavailableError());
      const last = this.log[this.log.length - 1].position.prepare;
      const after = fromPosition === START ? -1n : fromPosition === END ? last : fromPosition.prepare;
      for (const event of this.log) {
        if (event.position.prepare > after && matches(filter, event)) subscription.write(resolved(event));
      }
      // Catch-up and going live happen in one turn of the event loop: no append can fall between.
      this.live.set(subscription, filter);
    });
  }

  unsubscribe(subscription: FakeSubscription): void {
    this.live.delete(subscription);
  }

  /** Drops every live subscription with an error, as a lost connection or leader election does. */
  failSubscriptions(error: Error = new UnavailableError()): void {
    for (const subscription of [...this.live.keys()]) {
      this.live.delete(subscription);
      subscription.emit('error', error);
    }
  }

  /** Ends every live subscription without an error, as a server shutting down does. */
  endSubscriptions(): void {
    for (const subscription of [...this.live.keys()]) {
      this.live.delete(subscription);
      subscription.end();
    }
  }
}

export class FakeSubscription extends PassThrough {
  constructor(private readonly server: FakeEventStoreDb) {
    super({ objectMode: true });
  }

  async unsubscribe(): Promise<void> {
    this.server.unsubscribe(this);
    this.destroy();
  }
}

export class FakeEventStoreDbClient implements EventStoreDbClientPort {
  readonly subscriptions: FakeSubscription[] = [];
  private disposed = false;

  constructor(private readonly server: FakeEventStoreDb) {}

  async appendToStream(
    streamName: string,
    events: EventData[],
    { expectedRevision }: { expectedRevision: AppendExpectedRevision },
  ): Promise<AppendResult> {
    await this.roundTrip();
    return this.server.append(streamName, events, expectedRevision);
  }

  async *readStream(streamName: string, options: StreamReadRequest): AsyncIterable<ResolvedEvent> {
    await this.roundTrip();
    yield* this.server.readStream(streamName, options);
  }

  async *readAll(options: AllReadRequest): AsyncIterable<AllStreamResolvedEvent> {
    await this.roundTrip();
    yield* this.server.readAll(options);
  }

  subscribeToAll(options: AllSubscriptionRequest): FakeSubscription {
    if (this.disposed) throw new Error('client is disposed');
    const subscription = new FakeSubscription(this.server);
    this.subscriptions.push(subscription);
    this.server.subscribe(subscription, options);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.subscriptions.map((s) => s.unsubscribe()));
  }

  private async roundTrip(): Promise<void> {
    if (this.disposed) throw new Error('client is disposed');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function toRecorded(
  data: EventData,
  streamId: string,
  revision: bigint,
  created: Date,
  at: bigint,
): AllStreamRecordedEvent {
  const position = { commit: at, prepare: at };
  const base = { streamId, id: data.id, revision, type: data.type, created, position };
  if (data.contentType === 'application/json') {
    // The server keeps bytes: what comes back is what JSON makes of what went in.
    const copy = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
    return { ...base, isJson: true, data: copy(data.data), metadata: copy(data.metadata) };
  }
  return { ...base, isJson: false, data: data.data, metadata: data.metadata };
}

function resolved(event: AllStreamRecordedEvent): AllStreamResolvedEvent {
  return { event, commitPosition: event.position.commit };
}

function matches(filter: Filter | undefined, event: AllStreamRecordedEvent): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}
