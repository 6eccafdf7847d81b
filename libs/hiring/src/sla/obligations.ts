import type { Application, WaitRecord } from '../application/application.state';
import type { Instant } from '../shared/instant';
import type { Stage } from '../stages';
import {
  type ObligationKind,
  type PolicyTimeline,
  type SlaPolicy,
  configuredPolicyVersion,
  dueAfter,
  policyInForceAt,
  targetHours,
} from './policy';

/**
 * Something we owe (SPEC §3, §7). The one definition behind GET /applications/:id, the SLA projection
 * and the reminder timer, so they can never disagree.
 *
 * `id` is stable across recomputation from the same events (`decision:<n>` and `scheduling:<n>` count
 * the application's records of that kind in order, `scorecard:<interviewId>:<interviewerId>`), so the
 * projection can upsert by it, and stable across policy changes, which only move `dueAt`.
 */
export type Obligation = {
  id: string;
  kind: ObligationKind;
  stage: Stage;
  interviewId?: string;
  interviewerId?: string;
  startedAt: Instant;
  dueAt: Instant;
  /** The target it is judged by, in counted hours of its policy's calendar. */
  targetHours: number;
  /** The policy version in force at `startedAt`, which judges it. */
  policyVersion: number;
  satisfiedAt?: Instant;
  cancelledAt?: Instant;
};

/**
 * Every obligation of the application, met or not, ordered by start, each judged by the policy
 * version in force at its start. Decisions and scheduling waits come from the records evolve keeps;
 * scorecards follow from the interviews: each interviewer of each held interview owes one from
 * `heldAt`, whatever happens to the application afterwards, and an interview cancelled or missed
 * before it was held never owed any. A scheduling wait is an obligation only if its version has
 * scheduling on in its stage.
 */
export function obligationsUnder(app: Application, timeline: PolicyTimeline): Obligation[] {
  const judged = (kind: ObligationKind, stage: Stage, startedAt: Instant) => {
    const { version, policy } = policyInForceAt(timeline, startedAt);
    const hours = targetHours(policy, kind, stage);
    return hours === null
      ? null
      : {
          kind,
          stage,
          startedAt,
          dueAt: dueAfter(startedAt, hours, policy),
          targetHours: hours,
          policyVersion: version,
        };
  };
  const fromRecords = (kind: 'decision' | 'scheduling', records: readonly WaitRecord[]) =>
    records.flatMap((record, index): Obligation[] => {
      const base = judged(kind, record.stage, record.startedAt);
      if (base === null) return [];
      return [
        {
          id: `${kind}:${index}`,
          ...base,
          ...(record.satisfiedAt === null ? {} : { satisfiedAt: record.satisfiedAt }),
          ...(record.cancelledAt === null ? {} : { cancelledAt: record.cancelledAt }),
        },
      ];
    });
  const scorecards = app.interviews.flatMap((interview): Obligation[] => {
    if (interview.status !== 'held') return [];
    const base = judged('scorecard', interview.stage, interview.heldAt);
    if (base === null) return [];
    return interview.interviewerIds.map((interviewerId) => {
      const card = interview.scorecards.find((scorecard) => scorecard.interviewerId === interviewerId);
      return {
        id: `scorecard:${interview.id}:${interviewerId}`,
        ...base,
        interviewId: interview.id,
        interviewerId,
        ...(card === undefined ? {} : { satisfiedAt: card.submittedAt }),
      };
    });
  });
  const all = [...fromRecords('decision', app.decisions), ...scorecards, ...fromRecords('scheduling', app.schedulings)];
  // Instants are canonical UTC strings, so string order is time order; the sort is stable.
  return all.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}

/** @deprecated use obligationsUnder with the policy timeline (the `sla-policy` stream) */
export function obligations(app: Application, policy: SlaPolicy): Obligation[] {
  return obligationsUnder(app, [configuredPolicyVersion(policy)]);
}
