import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type HandleOutcome, handleCommand } from '@app/event-store';
import {
  type PolicyTimeline,
  SLA_POLICY_STREAM_ID,
  type SeedSlaPolicy,
  type SlaPolicy,
  type SlaPolicyVersion,
  configuredPolicyVersion,
  slaPolicyAggregate,
} from '@app/hiring';
import { type Config, CONFIG } from '../config/config';
import { type Clock, CLOCK } from '../infrastructure/clock';

/** Who the seeded version 1 names as its author. */
export const CONFIGURATION_ACTOR = 'configuration';

/**
 * Appends version 1 of the SLA policy from SLA_HOURS, SLA_CALENDAR and SLA_TIMEZONE (SPEC §5) on a
 * log that has no version yet, through the command loop: the decider decides nothing once a version
 * exists, and of two processes starting at once the second meets the first one's revision, reads
 * again, and decides nothing.
 */
export function seedSlaPolicy(
  store: EventStore,
  sla: SlaPolicy,
  now: () => Date,
): Promise<HandleOutcome<PolicyTimeline>> {
  return handleCommand(
    store,
    slaPolicyAggregate,
    SLA_POLICY_STREAM_ID,
    (_, at): SeedSlaPolicy => ({ type: 'SeedSlaPolicy', data: sla, actor: CONFIGURATION_ACTOR, now: at }),
    { now, metadata: { actor: CONFIGURATION_ACTOR } },
  );
}

/**
 * The SLA policy versions as the `sla-policy` stream records them, for every process: seeded at
 * start (before any process serves or projects), then read for each request that needs them. Each
 * read asks the store only for events after the last revision seen, so it reflects every change
 * already answered (read-your-writes) at the cost of one short query.
 */
@Injectable()
export class SlaPolicyTimeline implements OnModuleInit {
  private known: { versions: readonly SlaPolicyVersion[]; revision: number } = { versions: [], revision: -1 };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await seedSlaPolicy(this.store, this.config.sla, () => this.clock.now());
  }

  /** Every version recorded, oldest first, and the stream's revision (-1: none). */
  async versions(): Promise<{ versions: readonly SlaPolicyVersion[]; revision: number }> {
    const known = this.known;
    const events = await this.store.readStream(SLA_POLICY_STREAM_ID, { fromRevision: known.revision + 1 });
    if (events.length === 0) return known;
    const versions = events.map(slaPolicyAggregate.parse).reduce(slaPolicyAggregate.evolve, known.versions);
    const read = { versions, revision: events[events.length - 1].revision };
    // Two reads in flight may both have found news; keep whichever saw further.
    if (read.revision > this.known.revision) this.known = read;
    return read;
  }

  /**
   * What judges obligations, as the read model has it too: the versions, or the configuration as
   * version 1 would be, should the log hold none.
   */
  async timeline(): Promise<PolicyTimeline> {
    const { versions } = await this.versions();
    return versions.length > 0 ? versions : [configuredPolicyVersion(this.config.sla)];
  }
}
