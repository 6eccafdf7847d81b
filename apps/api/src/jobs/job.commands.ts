import { setTimeout as sleep } from 'node:timers/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ConcurrentModification,
  EVENT_STORE,
  type EventStore,
  handleCommand,
  ReservationConflict,
} from '@app/event-store';
import {
  closesIntake,
  type CommandRequest,
  type JobCommand,
  jobAggregate,
  jobIntakeKey,
  jobStreamId,
} from '@app/hiring';
import { type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { type WriteResult } from '../applications/write-result';
import { assumingNewStream } from '../applications/commands/new-stream';

/** What a route asks of a job: the domain command without who asked and when. */
export type JobRequest = CommandRequest<JobCommand>;

export class ChangeJob extends Command<WriteResult> {
  constructor(
    readonly jobId: string,
    readonly request: JobRequest,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** A close waits this many times for the submits in flight to give the intake key back. */
const INTAKE_ATTEMPTS = 10;

/**
 * Closing a job keeps its intake key for good (see jobIntakeKey), in the same append as JobClosed.
 * On PostgreSQL a submit in flight makes the close wait for its commit; on EventStoreDB it shows as
 * the key's holder, and the close tries again once it has given the key back.
 */
@CommandHandler(ChangeJob)
export class ChangeJobHandler implements ICommandHandler<ChangeJob> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ jobId, request, context }: ChangeJob): Promise<WriteResult> {
    const intake = jobIntakeKey(jobId);
    // A job opened under a random id has no stream yet; one from an Idempotency-Key may (a retry).
    const store =
      request.type === 'OpenJob' && !context.idempotencyKey
        ? assumingNewStream(this.store, jobStreamId(jobId))
        : this.store;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await handleCommand(
          store,
          jobAggregate,
          jobId,
          (_, now) => ({ ...request, actor: context.actor.id, now }) as JobCommand,
          {
            now: () => this.clock.now(),
            expectedVersion: context.expectedVersion,
            metadata: eventMetadata(context),
            reservations: (before, after) => (closesIntake(before, after) ? { reserve: [intake] } : undefined),
          },
        );
        return { id: jobId, version: outcome.version, position: outcome.position };
      } catch (error) {
        if (!(error instanceof ReservationConflict) || error.key !== intake) throw error;
        if (attempt >= INTAKE_ATTEMPTS) throw new ConcurrentModification();
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }
}
