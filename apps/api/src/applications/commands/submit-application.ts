import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { aggregateStream, EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { applicationAggregate, applicationStreamId, DomainError, jobAggregate, requireOpenJob } from '@app/hiring';
import { activeApplicationKey, type CandidateDetails, CandidateStore } from '@app/candidates';
import { type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { rethrowAsDuplicate } from '../duplicates';
import { type WriteResult } from '../write-result';
import { assumingNewStream } from './new-stream';

export class SubmitApplication extends Command<WriteResult> {
  constructor(
    readonly applicationId: string,
    readonly jobId: string,
    readonly candidate: CandidateDetails,
    readonly source: string | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * The personal data goes to its own store first, then the event is appended together with the
 * reservation of (job, email), which is what makes concurrent duplicates impossible. If the append
 * is refused, the personal data of the application that never came to be is removed again; a crash
 * in between leaves a row no application refers to, which holds no reservation and is never shown.
 *
 * The job is read while the personal data is stored: one round trip of waiting instead of two. A
 * job that is not open then removes the row only if this request stored it (a retry's row may
 * belong to an application that exists). A new application's stream is not read: its id is a fresh
 * random UUID, unless it derives from an Idempotency-Key, when the retry must find its own events.
 */
@CommandHandler(SubmitApplication)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplication> {
  constructor(
    private readonly candidates: CandidateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ applicationId, jobId, candidate, source, context }: SubmitApplication): Promise<WriteResult> {
    const [job, stored] = await Promise.all([
      aggregateStream(this.store, jobAggregate, jobId),
      this.candidates.save(applicationId, jobId, candidate),
    ]);
    try {
      requireOpenJob(job.state);
    } catch (error) {
      if (stored) await this.candidates.remove(applicationId);
      throw error;
    }

    const store = context.idempotencyKey
      ? this.store
      : assumingNewStream(this.store, applicationStreamId(applicationId));
    try {
      const outcome = await handleCommand(
        store,
        applicationAggregate,
        applicationId,
        (_, now) => ({
          type: 'SubmitApplication' as const,
          data: { applicationId, jobId, source: source ?? null },
          actor: context.actor.id,
          now,
        }),
        {
          now: () => this.clock.now(),
          metadata: eventMetadata(context),
          reservations: () => ({ reserve: [activeApplicationKey(jobId, candidate.email)] }),
        },
      ).catch(rethrowAsDuplicate);
      return { id: applicationId, version: outcome.version, position: outcome.position };
    } catch (error) {
      // Only a definite refusal proves the application never came to be. After anything else (a
      // lost connection) the append may still have committed, and its personal data must stay.
      if (error instanceof DomainError) await this.candidates.remove(applicationId);
      throw error;
    }
  }
}
