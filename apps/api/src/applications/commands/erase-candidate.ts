import { Inject } from '@nestjs/common';
import { Command, CommandHandler, CommandBus, ICommandHandler } from '@nestjs/cqrs';
import { CandidateStore } from '../../candidates/candidate-store';
import { type Clock, CLOCK } from '../../infrastructure/clock';
import { type RequestContext } from '../../http/request-context';
import { type WriteResult } from '../write-result';
import { ChangeApplication } from './change-application';

export class EraseCandidate extends Command<WriteResult> {
  constructor(
    readonly applicationId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * The event first (it also proves the application exists), then the personal data. A crash in
 * between is mended by repeating the request: a second erasure appends nothing and blanks the data.
 */
@CommandHandler(EraseCandidate)
export class EraseCandidateHandler implements ICommandHandler<EraseCandidate> {
  constructor(
    private readonly commands: CommandBus,
    private readonly candidates: CandidateStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ applicationId, context }: EraseCandidate): Promise<WriteResult> {
    const result = await this.commands.execute(
      new ChangeApplication(
        applicationId,
        (now) => ({ type: 'EraseCandidateData', data: {}, actor: context.actor.id, now }),
        context,
      ),
    );
    await this.candidates.erase(applicationId, this.clock.now());
    return result;
  }
}
