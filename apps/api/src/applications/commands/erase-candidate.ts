import { Inject } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type KeyStore } from '@app/event-store';
import { KEY_STORE } from '../../infrastructure/infrastructure.module';
import { ApplicationNotFound } from '@app/hiring';
import { applicationStream } from '../application-stream';
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
 * The personal data first (the candidate's details, and the key that seals free text in the
 * events), then the event: a crash in between leaves the data erased and the
 * request safe to repeat (a second erasure appends nothing). Never the other way round, where the
 * history would say "erased" while the data is still there. The stream is read first so that an
 * unknown application is a 404 that touches nothing.
 */
@CommandHandler(EraseCandidate)
export class EraseCandidateHandler implements ICommandHandler<EraseCandidate> {
  constructor(
    private readonly commands: CommandBus,
    private readonly candidates: CandidateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute({ applicationId, context }: EraseCandidate): Promise<WriteResult> {
    if ((await this.store.readStream(applicationStream(applicationId), { maxCount: 1 })).length === 0) {
      throw new ApplicationNotFound();
    }
    await this.candidates.erase(applicationId, this.clock.now());
    await this.keys.shred(applicationId);
    return this.commands.execute(
      new ChangeApplication(
        applicationId,
        (now) => ({ type: 'EraseCandidateData', data: {}, actor: context.actor.id, now }),
        context,
      ),
    );
  }
}
