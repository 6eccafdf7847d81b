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
import { CandidateStore } from '@app/candidates';
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

@CommandHandler(ChangeApplication)
export class ChangeApplicationHandler implements ICommandHandler<ChangeApplication> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly candidates: CandidateStore,
  ) {}

  async execute({ applicationId, request, context }: ChangeApplication): Promise<WriteResult> {
    const candidate = await this.candidates.find(applicationId);
    const outcome = await handleCommand(
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
          const key = candidate?.reservationKey;
          const change = reservationChange(before, after);
          if (!key || change === 'keep') return undefined;
          return change === 'claim' ? { reserve: [key] } : { release: [key] };
        },
      },
    ).catch(rethrowAsDuplicate);
    return { id: applicationId, version: outcome.version, position: outcome.position, ...createdIds(request) };
  }
}
