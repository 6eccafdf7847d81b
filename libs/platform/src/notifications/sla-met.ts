import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  type Application,
  type ApplicationEvent,
  DEFAULT_POLICY,
  DEFAULT_POLICY_VERSION,
  EventSchemaError,
  type Obligation,
  type PolicyTimeline,
  SLA_POLICY_STREAM_ID,
  type SlaPolicy,
  applicationAggregate,
  applicationIdOf,
  configuredPolicyVersion,
  evolveSlaPolicy,
  initialPolicyTimeline,
  obligationsUnder,
  parseSlaPolicyEvent,
} from '@app/hiring';
import type { MetObligation, SlaMetSource } from '@app/notifications';

/**
 * Every kind switched on. Whether an event met an obligation does not depend on its target, only on
 * whether one was owed at all (a kind may be off), so a first look with every kind on tells, without
 * reading the policy, that most events met nothing.
 */
const EVERY_KIND_ON: PolicyTimeline = [
  {
    ...DEFAULT_POLICY_VERSION,
    policy: { ...DEFAULT_POLICY, targets: { ...DEFAULT_POLICY.targets, scheduling: { hours: 1, byStage: {} } } },
  },
];

/**
 * SPEC §6 `sla.met`: the obligations an application event satisfied, found by folding the
 * application's stream just before and just after it and comparing the domain's obligations. Each is
 * judged (dueAt, onTime) by the policy as the `sla-policy` stream stood when the event was appended,
 * so the answer does not change when the log is replayed; with no version recorded yet, version 1 as
 * the configuration seeds it.
 *
 * The fan-out calls it only while some endpoint subscribes to `sla.met` (or `*`). An event that met
 * nothing costs one read of its application's stream; the policy is read only for those that did.
 * Events it cannot read (a type from a later release) meet nothing rather than stop deliveries.
 */
export function slaMetSource(store: Pick<EventStore, 'readStream'>, seed: SlaPolicy): SlaMetSource {
  const timelineBefore = async (position: number): Promise<PolicyTimeline> => {
    const recorded = await store.readStream(SLA_POLICY_STREAM_ID);
    const timeline = recorded
      .filter((event) => event.position < position)
      .map(parseSlaPolicyEvent)
      .reduce(evolveSlaPolicy, initialPolicyTimeline);
    return timeline.length > 0 ? timeline : [configuredPolicyVersion(seed)];
  };

  return async (event) => {
    const applicationId = applicationIdOf(event.streamId);
    if (applicationId === null || event.revision === 0) return [];
    const recorded = await store.readStream(event.streamId, { maxCount: event.revision + 1 });
    const folded = foldAround(recorded, event);
    if (folded === null) return [];
    const { before, after } = folded;
    if (metBetween(before, after, EVERY_KIND_ON).length === 0) return [];
    const timeline = await timelineBefore(event.position);
    return metBetween(before, after, timeline).map((obligation): MetObligation => ({
      applicationId,
      jobId: after.jobId,
      obligationId: obligation.id,
      kind: obligation.kind,
      stage: obligation.stage,
      ...(obligation.interviewerId === undefined ? {} : { interviewerId: obligation.interviewerId }),
      dueAt: obligation.dueAt,
      satisfiedAt: obligation.satisfiedAt,
      onTime: Date.parse(obligation.satisfiedAt) <= Date.parse(obligation.dueAt),
    }));
  };
}

/** The application just before and just after `event`, or null when that cannot be told. */
function foldAround(
  recorded: readonly RecordedEvent[],
  event: RecordedEvent,
): { before: Application; after: Application } | null {
  if (recorded.at(-1)?.position !== event.position) return null;
  let events: ApplicationEvent[];
  try {
    events = recorded.map((stored) => applicationAggregate.parse(stored));
  } catch (error) {
    if (error instanceof EventSchemaError) return null;
    throw error;
  }
  const before = events.slice(0, -1).reduce(applicationAggregate.evolve, applicationAggregate.initialState);
  const after = applicationAggregate.evolve(before, events[events.length - 1]);
  if (before.status === 'none' || after.status === 'none') return null;
  return { before, after };
}

type Met = Obligation & { satisfiedAt: string };

/** Obligations satisfied in `after` that were neither satisfied nor cancelled in `before`. */
function metBetween(before: Application, after: Application, timeline: PolicyTimeline): Met[] {
  const settled = new Set(
    obligationsUnder(before, timeline)
      .filter((obligation) => obligation.satisfiedAt !== undefined || obligation.cancelledAt !== undefined)
      .map((obligation) => obligation.id),
  );
  return obligationsUnder(after, timeline).filter(
    (obligation): obligation is Met => obligation.satisfiedAt !== undefined && !settled.has(obligation.id),
  );
}
