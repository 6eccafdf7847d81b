import { setTimeout as sleep } from 'node:timers/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  aggregateStream,
  ConcurrentModification,
  EVENT_STORE,
  type EventStore,
  handleCommand,
  ReservationConflict,
} from '@app/event-store';
import {
  applicationAggregate,
  applicationStreamId,
  DomainError,
  jobAggregate,
  jobIntakeKey,
  JobClosed,
  JobNotFound,
  jobStreamId,
} from '@app/hiring';
import { activeApplicationKey, type CandidateDetails, CandidateStore } from '@app/candidates';
import { type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { ApplicationJobs } from '../application-jobs';
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

/** Attempts while the job's intake is busy: with another submit (EventStoreDB only) or a close in flight. */
const INTAKE_ATTEMPTS = 10;
/** Job ids remembered per process: a few hundred kilobytes at most. */
const KNOWN_JOBS = 10_000;

/**
 * The personal data goes to its own store first, then the event is appended together with the
 * reservation of (job, email), which is what makes concurrent duplicates impossible. If the append
 * is refused, the personal data of the application that never came to be is removed again; a crash
 * in between leaves a row no application refers to, which CandidateSweeper removes after its lease.
 *
 * The same append takes and gives back the job's intake key, which closing the job keeps: so an
 * application is committed before the close, or refused after it, never let in by a close that
 * came between the check of the job and the append.
 *
 * Whether the job is still open is the append's to say (through the intake key), not a read's: a
 * read before it could only repeat what the key already decides, and would answer a retry whose
 * application was committed before the close with a refusal instead of the first response. What a
 * read alone can tell is whether the job exists at all; jobs are never removed, so each process
 * reads a job once, while the personal data is stored, and remembers it. An unknown job removes
 * the row only if this request stored it (a retry's row may belong to an application that exists).
 * A new application's stream is not read: its id is a fresh random UUID, unless it derives from an
 * Idempotency-Key, when the retry must find its own events.
 */
@CommandHandler(SubmitApplication)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplication> {
  /** Jobs this process has seen exist, oldest first. */
  private readonly knownJobs = new Set<string>();

  constructor(
    private readonly candidates: CandidateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly applicationJobs: ApplicationJobs,
  ) {}

  async execute({ applicationId, jobId, candidate, source, context }: SubmitApplication): Promise<WriteResult> {
    const [jobExists, stored] = await Promise.all([
      this.jobExists(jobId),
      this.candidates.save(applicationId, jobId, candidate, this.clock.now()),
    ]);
    if (!jobExists) {
      if (stored) await this.candidates.remove(applicationId);
      throw new JobNotFound();
    }
    try {
      const outcome = await this.append(applicationId, jobId, candidate.email, source, context);
      this.applicationJobs.remember(applicationId, jobId);
      return { id: applicationId, version: outcome.version, position: outcome.position };
    } catch (error) {
      // Only a definite refusal proves the application never came to be. After anything else (a
      // lost connection) the append may still have committed, and its personal data must stay.
      if (error instanceof DomainError) await this.candidates.remove(applicationId);
      throw error;
    }
  }

  private async jobExists(jobId: string): Promise<boolean> {
    if (this.knownJobs.has(jobId)) return true;
    const job = await aggregateStream(this.store, jobAggregate, jobId);
    if (job.state.status === 'none') return false;
    if (this.knownJobs.size >= KNOWN_JOBS) this.knownJobs.delete(this.knownJobs.values().next().value!);
    this.knownJobs.add(jobId);
    return true;
  }

  private async append(
    applicationId: string,
    jobId: string,
    email: string,
    source: string | undefined,
    context: RequestContext,
  ) {
    const store = context.idempotencyKey
      ? this.store
      : assumingNewStream(this.store, applicationStreamId(applicationId));
    const intake = jobIntakeKey(jobId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await handleCommand(
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
            reservations: () => ({ reserve: [activeApplicationKey(jobId, email), intake], release: [intake] }),
          },
        );
      } catch (error) {
        if (!(error instanceof ReservationConflict) || error.key !== intake) return rethrowAsDuplicate(error);
        if (error.heldBy === jobStreamId(jobId) && (await this.jobIsClosed(jobId))) throw new JobClosed();
        if (attempt >= INTAKE_ATTEMPTS) throw new ConcurrentModification();
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  private async jobIsClosed(jobId: string): Promise<boolean> {
    return (await aggregateStream(this.store, jobAggregate, jobId)).state.status === 'closed';
  }
}
