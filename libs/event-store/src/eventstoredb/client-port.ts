import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  AppendResult,
  Direction,
  EventData,
  Filter,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
} from '@eventstore/db-client';

/**
 * The part of `EventStoreDBClient` this adapter uses, and nothing more: `EventStoreDBClient` satisfies
 * it as it is, and a test fake stays small enough to keep faithful to the documented client.
 */
export interface EventStoreDbClientPort {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision; deadline?: number },
  ): Promise<AppendResult>;
  /** Throws StreamNotFoundError while iterating when the stream does not exist. */
  readStream(streamName: string, options: StreamReadRequest): AsyncIterable<ResolvedEvent>;
  /** Forwards reads include `fromPosition`; backwards reads from a position exclude it. */
  readAll(options: AllReadRequest): AsyncIterable<AllStreamResolvedEvent>;
  /** Delivers events strictly after `fromPosition`. */
  subscribeToAll(options: AllSubscriptionRequest): LogSubscription;
  dispose(): Promise<void>;
}

export interface StreamReadRequest {
  direction?: Direction;
  fromRevision?: ReadRevision;
  maxCount?: number;
}

export interface AllReadRequest {
  direction?: Direction;
  fromPosition?: ReadPosition;
  maxCount?: number;
}

export interface AllSubscriptionRequest {
  fromPosition?: ReadPosition;
  filter?: Filter;
}

/** A catch-up subscription: a Node readable stream of resolved events that can be stopped. */
export interface LogSubscription {
  on(event: 'data', listener: (event: AllStreamResolvedEvent) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'close', listener: () => void): this;
  pause(): this;
  resume(): this;
  unsubscribe(): Promise<void>;
}

/** An event as the client returns it from a stream or from $all. */
export type EsdbRecordedEvent = NonNullable<ResolvedEvent['event']>;
