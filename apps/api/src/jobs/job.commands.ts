import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { type CommandRequest, type JobCommand, jobAggregate, jobStreamId } from '@app/hiring';
import { type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { assumingNewStream } from '../applications/commands/new-stream';
import { type WriteResult } from '../applications/write-result';

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

@CommandHandler(ChangeJob)
export class ChangeJobHandler implements ICommandHandler<ChangeJob> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ jobId, request, context }: ChangeJob): Promise<WriteResult> {
    // A job opened under a random id has no stream yet; one from an Idempotency-Key may (a retry).
    const store =
      request.type === 'OpenJob' && !context.idempotencyKey
        ? assumingNewStream(this.store, jobStreamId(jobId))
        : this.store;
    const outcome = await handleCommand(
      store,
      jobAggregate,
      jobId,
      (_, now) => ({ ...request, actor: context.actor.id, now }) as JobCommand,
      { now: () => this.clock.now(), expectedVersion: context.expectedVersion, metadata: eventMetadata(context) },
    );
    return { id: jobId, version: outcome.version, position: outcome.position };
  }
}
