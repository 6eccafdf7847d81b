import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, handleCommand, type Reservations } from '@app/event-store';
import {
  type ApplicationCommand,
  type CommandRequest,
  ApplicationNotFound,
  applicationAggregate,
  reservationChange,
} from '@app/hiring';
import { type CandidateRecord, CandidateStore } from '@app/candidates';
import { type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { rethrowAsDuplicate } from '../duplicates';
import { type WriteResult } from '../write-result';

/** What a route asks of an application: the domain command without who asked and when. */
export type ApplicationRequest = CommandRequest<Exclude<ApplicationCommand, { type: 'SubmitApplication' }>>;

/** Any command on an existing application, as plain data. */
export class ChangeApplication extends Command<WriteResult> {
  constructor(
    readonly applicationId: string,
    readonly request: ApplicationRequest,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** The ids a command creates, echoed in the answer beside the application's own. */
function createdIds(request: ApplicationRequest): Record<string, string> {
  switch (request.type) {
    case 'ScheduleInterview':
      return { interviewId: request.data.interviewId };
    case 'RecordReference':
      return { referenceId: request.data.referenceId };
    case 'ExtendOffer':
      return { offerId: request.data.offerId };
    case 'RecordCandidateUpdate':
      return { updateId: request.data.updateId };
    default:
      return {};
  }
}

/** Thrown from inside the command loop, before anything is appended, when a reservation key is needed after all. */
class ReservationKeyNeeded extends Error {}

/**
 * The candidate's row is read only when the command changes the reservation of (job, email): most
 * commands (moves, interviews, scorecards) keep the application active and need nothing of it. The
 * loop first runs without it; a command that turns out to claim or release the reservation stops
 * before its append and runs again with the key.
 */
@CommandHandler(ChangeApplication)
export class ChangeApplicationHandler implements ICommandHandler<ChangeApplication> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly candidates: CandidateStore,
  ) {}

  async execute({ applicationId, request, context }: ChangeApplication): Promise<WriteResult> {
    const attempt = (candidate?: CandidateRecord | null) =>
      handleCommand(
        this.store,
        applicationAggregate,
        applicationId,
        (state, now) => {
          if (state.status === 'none') throw new ApplicationNotFound();
          return { ...request, actor: context.actor.id, now } as ApplicationCommand;
        },
        {
          now: () => this.clock.now(),
          expectedVersion: context.expectedVersion,
          metadata: eventMetadata(context),
          reservations: (before, after): Reservations | undefined => {
            const change = reservationChange(before, after);
            if (change === 'keep') return undefined;
            if (candidate === undefined) throw new ReservationKeyNeeded();
            const key = candidate?.reservationKey;
            if (!key) return undefined;
            return change === 'claim' ? { reserve: [key] } : { release: [key] };
          },
        },
      );
    const outcome = await attempt()
      .catch(async (error: unknown) => {
        if (!(error instanceof ReservationKeyNeeded)) throw error;
        return attempt(await this.candidates.find(applicationId));
      })
      .catch(rethrowAsDuplicate);
    return { id: applicationId, version: outcome.version, position: outcome.position, ...createdIds(request) };
  }
}
