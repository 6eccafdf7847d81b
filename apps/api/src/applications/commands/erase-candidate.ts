import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type KeyStore, handleCommand } from '@app/event-store';
import { ApplicationNotFound, applicationAggregate, applicationStreamId } from '@app/hiring';
import { CandidateStore } from '@app/candidates';
import { KEY_STORE, type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { type WriteResult } from '../write-result';

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
 * events), then the event: a crash in between leaves the data erased (the read model keeps no
 * personal text, so the key was the last copy) and the request safe to repeat (a second erasure
 * appends nothing). Never the other way round, where the history would say "erased" while the data
 * is still there. The stream is read first so that an unknown application is a 404 that touches
 * nothing.
 */
@CommandHandler(EraseCandidate)
export class EraseCandidateHandler implements ICommandHandler<EraseCandidate> {
  constructor(
    private readonly candidates: CandidateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute({ applicationId, context }: EraseCandidate): Promise<WriteResult> {
    if ((await this.store.readStream(applicationStreamId(applicationId), { maxCount: 1 })).length === 0) {
      throw new ApplicationNotFound();
    }
    await this.candidates.erase(applicationId, this.clock.now());
    await this.keys.shred(applicationId);
    const outcome = await handleCommand(
      this.store,
      applicationAggregate,
      applicationId,
      (_, now) => ({ type: 'EraseCandidateData', data: {}, actor: context.actor.id, now }),
      { now: () => this.clock.now(), expectedVersion: context.expectedVersion, metadata: eventMetadata(context) },
    );
    return { id: applicationId, version: outcome.version, position: outcome.position };
  }
}
