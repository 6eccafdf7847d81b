import { InvalidSlaPolicy } from '../errors';
import { assertNever } from '../shared/assert-never';
import type { Command, Decider, Event } from '../shared/decider';
import { canonicalInstant } from '../shared/instant';
import {
  type PolicyTimeline,
  type SlaPolicy,
  type SlaPolicyDocument,
  type SlaPolicyVersion,
  normalisePolicy,
  seedPolicy,
} from './policy';
import { policyProblems } from './policy-problems';

/**
 * A new version of the policy (PUT /sla/policy). The document is whatever the client sent: the
 * domain checks all of it (policyProblems), so the API, the preview and this decider agree on one rule.
 */
export type ChangeSlaPolicy = Command<'ChangeSlaPolicy', { policy: unknown }>;
/** Version 1 from SLA_HOURS, SLA_CALENDAR and SLA_TIMEZONE, only on a stream that has no version yet. */
export type SeedSlaPolicy = Command<'SeedSlaPolicy', SlaPolicy>;
export type SlaPolicyCommand = ChangeSlaPolicy | SeedSlaPolicy;

/** The whole version, normalised, so that reading it back never depends on today's defaults. */
export type SlaPolicyEvent = Event<'SlaPolicyChanged', SlaPolicyVersion>;

export const initialState: PolicyTimeline = [];

export function decide(command: SlaPolicyCommand, timeline: PolicyTimeline): SlaPolicyEvent[] {
  const now = canonicalInstant(command.now, 'now');
  switch (command.type) {
    case 'ChangeSlaPolicy': {
      const document = validDocument(command.data.policy);
      // Without an effectiveFrom the change applies from now on, re-judging nothing already started.
      const effectiveFrom = canonicalInstant(document.effectiveFrom ?? now, 'effectiveFrom');
      const version = Math.max(0, ...timeline.map((known) => known.version)) + 1;
      const policy = normalisePolicy(document);
      return [
        { type: 'SlaPolicyChanged', data: { version, effectiveFrom, policy, changedAt: now, by: command.actor } },
      ];
    }
    case 'SeedSlaPolicy': {
      // Configuration seeds a database once; after that the policy is changed only through the API.
      if (timeline.length > 0) return [];
      const document = validDocument(seedPolicy(command.data));
      const effectiveFrom = canonicalInstant(document.effectiveFrom ?? now, 'effectiveFrom');
      const policy = normalisePolicy(document);
      return [
        { type: 'SlaPolicyChanged', data: { version: 1, effectiveFrom, policy, changedAt: now, by: command.actor } },
      ];
    }
    default:
      return assertNever(command);
  }
}

export function evolve(timeline: PolicyTimeline, event: SlaPolicyEvent): PolicyTimeline {
  switch (event.type) {
    case 'SlaPolicyChanged':
      return [...timeline, event.data];
    default:
      return assertNever(event.type);
  }
}

export const slaPolicyDecider: Decider<SlaPolicyCommand, SlaPolicyEvent, PolicyTimeline> = {
  decide,
  evolve,
  initialState,
};

function validDocument(input: unknown): SlaPolicyDocument {
  const problems = policyProblems(input);
  if (problems.length > 0) throw new InvalidSlaPolicy(problems);
  // policyProblems accepts only documents of this shape.
  return input as SlaPolicyDocument;
}
