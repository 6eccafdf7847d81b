import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  type ApplicationCommand,
  ApplicationNotFound,
  applicationDecider,
  parseApplicationEvent,
  reservationChange,
} from '@app/hiring';
import { type Reservations } from '@app/event-store';
import { CandidateStore } from '../../candidates/candidate-store';
import { DeciderWriter } from '../../infrastructure/decider-writer';
import { eventMetadata, type RequestContext } from '../../http/request-context';
import { applicationStream, rethrowAsDuplicate } from '../application-stream';
import { type WriteResult } from '../write-result';

/** Any command on an existing application; `build` turns the server time into the domain command. */
export class ChangeApplication extends Command<WriteResult> {
  constructor(
    readonly applicationId: string,
    readonly build: (now: string) => ApplicationCommand,
    readonly context: RequestContext,
    /** Extra fields for the answer, e.g. the new interview's id. */
    readonly answer: Record<string, unknown> = {},
  ) {
    super();
  }
}

@CommandHandler(ChangeApplication)
export class ChangeApplicationHandler implements ICommandHandler<ChangeApplication> {
  constructor(
    private readonly writer: DeciderWriter,
    private readonly candidates: CandidateStore,
  ) {}

  async execute({ applicationId, build, context, answer }: ChangeApplication): Promise<WriteResult> {
    const candidate = await this.candidates.find(applicationId);
    const outcome = await this.writer
      .write({
        streamId: applicationStream(applicationId),
        decider: applicationDecider,
        parse: parseApplicationEvent,
        command: (state, now) => {
          if (state.status === 'none') throw new ApplicationNotFound();
          return build(now);
        },
        expectedVersion: context.expectedVersion,
        metadata: eventMetadata(context),
        reservations: (before, after): Reservations | undefined => {
          const key = candidate?.reservationKey;
          const change = reservationChange(before, after);
          if (!key || change === 'keep') return undefined;
          return change === 'claim' ? { reserve: [key] } : { release: [key] };
        },
      })
      .catch(rethrowAsDuplicate);
    return { id: applicationId, version: outcome.version, position: outcome.position, ...answer };
  }
}
