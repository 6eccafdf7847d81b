import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Decider, EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
  type Reservations,
  WrongExpectedRevision,
} from '@app/event-store';
import { ProblemException } from '../http/problem';
import { type Clock, CLOCK } from './clock';

const MAX_ATTEMPTS = 10;

export interface WriteRequest<C, E, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  parse: (event: RecordedEvent) => E;
  /** Built from the state just read and the server time, so that a retry decides afresh. */
  command: (state: S, now: string) => C;
  /** From If-Match: the write applies only to this version, otherwise 412. */
  expectedVersion?: number;
  metadata: EventMetadata;
  /** Reservations to change with the append, given the states before and after it. */
  reservations?: (before: S, after: S) => Reservations | undefined;
}

export interface WriteOutcome<S> {
  state: S;
  /** The stream's revision after the write; unchanged when the command decided nothing. */
  version: number;
  position: number;
}

/**
 * Load, fold, decide, append with the revision that was read. A concurrent writer makes the append
 * fail on its revision: without If-Match we decide again on the new state (a bounded number of
 * times); with If-Match the caller asked for that exact version, so the answer is 412.
 */
@Injectable()
export class DeciderWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async write<C, E extends { type: string; data: object }, S>(
    request: WriteRequest<C, E, S>,
  ): Promise<WriteOutcome<S>> {
    const { decider, streamId, expectedVersion, metadata } = request;
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const before = recorded.map(request.parse).reduce(decider.evolve, decider.initialState);
      const version = recorded.at(-1)?.revision;

      const done = metadata.idempotencyKey
        ? recorded.filter((e) => e.metadata.idempotencyKey === metadata.idempotencyKey)
        : [];
      if (done.length > 0) {
        // This very request was applied before its answer could be stored (a crash, a lost
        // connection): answer as the first time did, and append nothing.
        return { state: before, version: done.at(-1)!.revision, position: done.at(-1)!.position };
      }
      // A stream that does not exist has no version to compare: the command says 404 (or creates it).
      if (expectedVersion !== undefined && version !== undefined && expectedVersion !== version) {
        throw preconditionFailed(version);
      }

      const events = decider.decide(request.command(before, this.clock.now().toISOString()), before);
      if (events.length === 0)
        return { state: before, version: version ?? -1, position: recorded.at(-1)?.position ?? 0 };
      const after = events.reduce(decider.evolve, before);
      try {
        const result = await this.store.append(
          streamId,
          events.map((event) => ({
            type: event.type,
            schemaVersion: EVENT_SCHEMA_VERSIONS[event.type as keyof typeof EVENT_SCHEMA_VERSIONS],
            data: { ...event.data },
            metadata,
          })),
          { expectedRevision: version ?? 'no_stream', reservations: request.reservations?.(before, after) },
        );
        return { state: after, version: result.nextRevision, position: result.lastPosition };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (expectedVersion !== undefined)
          throw preconditionFailed(error.actual === 'no_stream' ? undefined : error.actual);
        if (attempt === MAX_ATTEMPTS) {
          throw ProblemException.of(
            409,
            'concurrent-modification',
            'Conflict',
            'The record kept changing while we tried to update it; please retry.',
          );
        }
        // A little jitter keeps writers that collided from colliding again in lockstep.
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }
}

const preconditionFailed = (current: number | undefined) =>
  ProblemException.of(
    412,
    'precondition-failed',
    'Precondition Failed',
    'The record has changed since the version given in If-Match.',
    {
      currentVersion: current ?? null,
    },
  );
