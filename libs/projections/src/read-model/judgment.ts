import {
  type Instant,
  type ObligationKind,
  type PolicyTimeline,
  type Stage,
  dueAfter,
  policyInForceAt,
  targetHours,
} from '@app/hiring';

/** What a policy decides of an obligation: when it falls due, by which version, on which target. */
export type Judgment = { dueAt: Instant; targetHours: number; policyVersion: number };

/**
 * An obligation judged from its row alone, exactly as the domain's obligationsUnder() judges it
 * (its specs hold the two together): the version in force at its start, that version's target for
 * the kind in the stage, counted with that version's calendar. Null when the version asks for no
 * such obligation there (scheduling off).
 */
export function judge(
  timeline: PolicyTimeline,
  kind: ObligationKind,
  stage: Stage,
  startedAt: Instant,
): Judgment | null {
  const { version, policy } = policyInForceAt(timeline, startedAt);
  const hours = targetHours(policy, kind, stage);
  return hours === null
    ? null
    : { dueAt: dueAfter(startedAt, hours, policy), targetHours: hours, policyVersion: version };
}
