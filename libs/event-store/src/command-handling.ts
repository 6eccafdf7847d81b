import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
  type Reservations,
  WrongExpectedRevision,
} from './event-store';

/**
 * What the loop needs to know of an aggregate: where its stream is, how to read its events, and its
 * decider. Written once per aggregate in the domain; the loop is written once for all of them.
 */
export interface Aggregate<C, E extends { type: string; data: object }, S> {
  streamId(id: string): string;
  parse(event: RecordedEvent): E;
  schemaVersion(type: E['type']): number;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState: S;
}

export interface LoadedAggregate<S> {
  state: S;
  /** Revision of the stream's last event; undefined when the stream does not exist. */
  version?: number;
  events: RecordedEvent[];
}

/** Reads a stream and folds it: the one place where recorded events become state. */
export async function aggregateStream<C, E extends { type: string; data: object }, S>(
  store: EventStore,
  aggregate: Aggregate<C, E, S>,
  id: string,
): Promise<LoadedAggregate<S>> {
  return loadedFrom(aggregate, await store.readStream(aggregate.streamId(id)));
}

/** An aggregate as its stream's events, read by the caller (several at once, say), make it. */
export const loadedFrom = <C, E extends { type: string; data: object }, S>(
  aggregate: Aggregate<C, E, S>,
  events: RecordedEvent[],
): LoadedAggregate<S> => ({ state: foldEvents(aggregate, events), version: events.at(-1)?.revision, events });

export const foldEvents = <C, E extends { type: string; data: object }, S>(
  aggregate: Aggregate<C, E, S>,
  events: readonly RecordedEvent[],
): S => events.map((event) => aggregate.parse(event)).reduce(aggregate.evolve, aggregate.initialState);

export interface HandleOptions<S> {
  /** Server time, read afresh on every attempt so that a retry decides at the time it runs. */
  now: () => Date;
  metadata: EventMetadata;
  /** From If-Match: the write applies only to this version, otherwise PreconditionFailed. */
  expectedVersion?: number;
  /** Reservations to change with the append, given the states before and after it. */
  reservations?: (before: S, after: S) => Reservations | undefined;
  maxAttempts?: number;
}

export interface HandleOutcome<S> {
  state: S;
  /** The stream's revision after the write; unchanged when the command decided nothing. */
  version: number;
  position: number;
}

/** The record moved on from the version the caller named. */
export class PreconditionFailed extends Error {
  readonly kind = 'precondition_failed';
  readonly code = 'precondition-failed';
  constructor(readonly currentVersion: number | null) {
    super('The record has changed since the version given in If-Match.');
    this.name = 'PreconditionFailed';
  }
  get extensions() {
    return { currentVersion: this.currentVersion };
  }
}

/** Other writers kept winning: nothing was appended, and the same request may simply be retried. */
export class ConcurrentModification extends Error {
  readonly kind = 'conflict';
  readonly code = 'concurrent-modification';
  readonly transient = true;
  constructor() {
    super('The record kept changing while we tried to update it; please retry.');
    this.name = 'ConcurrentModification';
  }
}

const DEFAULT_ATTEMPTS = 10;

/**
 * Load, fold, decide, append with the revision that was read. A concurrent writer makes the append
 * fail on its revision: without If-Match we decide again on the new state (a bounded number of
 * times, with jitter); with If-Match the caller asked for that exact version, so it fails.
 *
 * `decide` receives the state and the attempt's server time and returns the domain command; it
 * may throw (a 404 for a stream that does not exist, say). A request carrying an idempotency key
 * whose events are already in the stream (it was applied before its answer could be stored) is
 * answered from those events, appending nothing.
 */
export async function handleCommand<C, E extends { type: string; data: object }, S>(
  store: EventStore,
  aggregate: Aggregate<C, E, S>,
  id: string,
  command: (state: S, now: string) => C,
  options: HandleOptions<S>,
): Promise<HandleOutcome<S>> {
  const { expectedVersion, metadata } = options;
  const streamId = aggregate.streamId(id);
  const attempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const { state: before, version, events: recorded } = await aggregateStream(store, aggregate, id);

    const done = metadata.idempotencyKey
      ? recorded.filter((e) => e.metadata.idempotencyKey === metadata.idempotencyKey)
      : [];
    if (done.length > 0) return { state: before, version: done.at(-1)!.revision, position: done.at(-1)!.position };
    // A stream that does not exist has no version to compare: the command says 404 (or creates it).
    if (expectedVersion !== undefined && version !== undefined && expectedVersion !== version) {
      throw new PreconditionFailed(version);
    }

    const events = aggregate.decide(command(before, options.now().toISOString()), before);
    if (events.length === 0) return { state: before, version: version ?? -1, position: recorded.at(-1)?.position ?? 0 };
    const after = events.reduce(aggregate.evolve, before);
    try {
      const result = await store.append(
        streamId,
        events.map((event) => ({
          type: event.type,
          schemaVersion: aggregate.schemaVersion(event.type),
          data: { ...event.data },
          metadata,
        })),
        { expectedRevision: version ?? 'no_stream', reservations: options.reservations?.(before, after) },
      );
      return { state: after, version: result.nextRevision, position: result.lastPosition };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (expectedVersion !== undefined)
        throw new PreconditionFailed(error.actual === 'no_stream' ? null : error.actual);
      if (attempt >= attempts) throw new ConcurrentModification();
      // A little jitter keeps writers that collided from colliding again in lockstep.
      await sleep(Math.random() * 5 * attempt);
    }
  }
}
