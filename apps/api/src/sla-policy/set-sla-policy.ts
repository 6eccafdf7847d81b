import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { type ChangeSlaPolicy, SLA_POLICY_STREAM_ID, slaPolicyAggregate } from '@app/hiring';
import { type Clock, CLOCK, eventMetadata, type RequestContext } from '@app/platform';
import { type PolicyView, policyView } from './policy-view';

export type SetSlaPolicyResult = PolicyView & { position: number };

/** PUT /sla/policy: the document exactly as the client sent it; the domain checks all of it. */
export class SetSlaPolicy extends Command<SetSlaPolicyResult> {
  constructor(
    readonly policy: Record<string, unknown>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SetSlaPolicy)
export class SetSlaPolicyHandler implements ICommandHandler<SetSlaPolicy> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ policy, context }: SetSlaPolicy): Promise<SetSlaPolicyResult> {
    // A change never conflicts with another: each becomes the next version, so a collision is retried.
    const outcome = await handleCommand(
      this.store,
      slaPolicyAggregate,
      SLA_POLICY_STREAM_ID,
      (_, now): ChangeSlaPolicy => ({ type: 'ChangeSlaPolicy', data: { policy }, actor: context.actor.id, now }),
      { now: () => this.clock.now(), metadata: eventMetadata(context) },
    );
    const version = outcome.state[outcome.state.length - 1];
    // Just recorded: no read model can judge by it yet.
    return { ...policyView(version, false), position: outcome.position };
  }
}
