/**
 * The event store port. Both adapters (PostgreSQL, EventStoreDB) implement it and pass the same
 * contract suite (./contract/event-store.contract.ts).
 *
 * Revisions are zero-based per stream: the first event of a stream has revision 0. Positions are
 * the global log order: strictly increasing across all streams, not necessarily contiguous.
 */

export const EVENT_STORE = Symbol('EventStore');

/** An exact revision (the revision of the stream's last event), or a condition on its existence. */
export type ExpectedRevision = number | 'no_stream' | 'any';

export interface EventMetadata {
  /** Who caused the event: the JWT subject, or a system name. */
  actor?: string;
  correlationId?: string;
  causationId?: string;
  [key: string]: unknown;
}

export interface NewEvent {
  type: string;
  /** Version of the payload's schema for this type; readers upcast older versions. */
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata?: EventMetadata;
}

export interface RecordedEvent {
  streamId: string;
  revision: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * Uniqueness that spans streams (one active application per email and job): a key can be reserved
 * by one stream at a time. Reserving and releasing happen together with the append: either the
 * events are written and the reservations changed, or neither.
 */
export interface Reservations {
  reserve?: string[];
  release?: string[];
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  reservations?: Reservations;
}

export interface AppendResult {
  /** Revision of the last event written: the stream's new version. */
  nextRevision: number;
  /** Global position of the last event written. */
  lastPosition: number;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface StreamRead {
  streamId: string;
  fromRevision?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. `null` reads from the start. */
  after: number | null;
  maxCount: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this position. `null` starts at the beginning. */
  after: number | null;
  /** Largest batch handed to the consumer at once. */
  maxBatchSize?: number;
  /** Ends the subscription: the iterator finishes after the batch in flight. */
  signal?: AbortSignal;
}

export interface EventStore {
  /**
   * Appends atomically. Throws WrongExpectedRevision when the stream is not at the expected
   * revision, ReservationConflict when a key to reserve is held by another stream.
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** Events of one stream, oldest first; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Several streams at once (one round trip where the store allows), each as readStream would answer, in the order asked. */
  readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]>;

  /**
   * A page of the global log in position order. Only events that a subscriber can trust are
   * returned: no event with a lower position may become visible later.
   */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up, then live: batches of the global log in position order, each event exactly once. */
  subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent[]>;

  /** Position of the newest event (0 when the log is empty), for lag reporting. */
  headPosition(): Promise<number>;

  /** Who holds a reservation key, if anyone. */
  reservationHolder(key: string): Promise<string | null>;

  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevision';
  }
}

export class ReservationConflict extends Error {
  constructor(
    readonly key: string,
    readonly heldBy: string,
  ) {
    super(`reservation ${key} is held by ${heldBy}`);
    this.name = 'ReservationConflict';
  }
}
