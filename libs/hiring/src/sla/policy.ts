import { IANAZone } from 'luxon';
import { type Instant, fromMillis, toMillis } from '../shared/instant';
import { INTERVIEW_STAGES, STAGES, type Stage } from '../stages';
import { WHOLE_WEEKDAYS, type WorkCalendar, type WorkingHours, addWorkingHours, nextWorkingMoment } from './calendar';

/*
 * The SLA policy of SPEC §7 as versioned domain data: the document a PUT carries, its normalised form
 * (every default filled in), the versions the `sla-policy` stream adds up to, and which version
 * judges an obligation.
 */

export const OBLIGATION_KINDS = ['decision', 'scorecard', 'scheduling'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

/** The stages where each kind of obligation can arise, hence the only ones a `byStage` may name. */
export const TARGET_STAGES: Readonly<Record<ObligationKind, readonly Stage[]>> = {
  // No decision is owed in offer: the candidate is the one deciding.
  decision: STAGES.filter((stage) => stage !== 'offer'),
  scorecard: INTERVIEW_STAGES,
  scheduling: INTERVIEW_STAGES,
};

/** `null` turns scheduling off, for every stage or (in `byStage`) for one. */
export type KindTargets = { hours: number; byStage: Partial<Record<Stage, number>> };
export type SchedulingTargets = { hours: number | null; byStage: Partial<Record<Stage, number | null>> };
export type SlaTargets = { decision: KindTargets; scorecard: KindTargets; scheduling: SchedulingTargets };

/**
 * Every field present. A calendar clock keeps its zone and working hours too, so that GET shows what a
 * switch to business hours would use, and reports that need a zone have one.
 */
export type PolicyCalendar = {
  type: 'calendar' | 'business';
  timeZone: string;
  workingHours: WorkingHours;
  holidays: string[];
};

/** A policy with every default filled in: what a version holds. */
export type NormalisedPolicy = { targets: SlaTargets; calendar: PolicyCalendar; reminders: number[] };

/** The JSON of SPEC §7 as a client writes it; any field may be left out (see normalisePolicy). */
export type SlaPolicyDocument = {
  /** ISO 8601 with an offset; the time of the change when left out. */
  effectiveFrom?: string;
  targets?: {
    decision?: { hours?: number; byStage?: Partial<Record<Stage, number>> };
    scorecard?: { hours?: number; byStage?: Partial<Record<Stage, number>> };
    scheduling?: { hours?: number | null; byStage?: Partial<Record<Stage, number | null>> };
  };
  calendar?: { type?: 'calendar' | 'business'; timeZone?: string; workingHours?: WorkingHours; holidays?: string[] };
  reminders?: number[];
};

/** One version of the policy, as the `sla-policy` stream records it. */
export type SlaPolicyVersion = {
  version: number;
  effectiveFrom: Instant;
  policy: NormalisedPolicy;
  changedAt: Instant;
  by: string;
};

/** Every version, in the order they were recorded. */
export type PolicyTimeline = readonly SlaPolicyVersion[];

/** The beginning of time: version 1 applies to every obligation there has ever been. */
export const EPOCH: Instant = '1970-01-01T00:00:00.000Z';

/** The rules of SPEC §3, which are what every omitted field means. */
export const DEFAULT_POLICY: NormalisedPolicy = {
  targets: {
    decision: { hours: 48, byStage: {} },
    scorecard: { hours: 48, byStage: {} },
    scheduling: { hours: null, byStage: {} },
  },
  calendar: { type: 'calendar', timeZone: 'Europe/Belgrade', workingHours: WHOLE_WEEKDAYS, holidays: [] },
  reminders: [0.5, 0.75],
};

/** What judges obligations when no version is in force: the defaults, as version 0. */
export const DEFAULT_POLICY_VERSION: SlaPolicyVersion = {
  version: 0,
  effectiveFrom: EPOCH,
  policy: DEFAULT_POLICY,
  changedAt: EPOCH,
  by: 'defaults',
};

/**
 * Fills every omitted field with the default of SPEC §3, never with the previous version's value, so
 * a version reads the same whatever came before it. Expects a document without policyProblems.
 */
export function normalisePolicy(input: SlaPolicyDocument): NormalisedPolicy {
  const targets = input.targets ?? {};
  const calendar = input.calendar ?? {};
  const defaults = DEFAULT_POLICY;
  return {
    targets: {
      decision: {
        hours: targets.decision?.hours ?? defaults.targets.decision.hours,
        byStage: { ...targets.decision?.byStage },
      },
      scorecard: {
        hours: targets.scorecard?.hours ?? defaults.targets.scorecard.hours,
        byStage: { ...targets.scorecard?.byStage },
      },
      scheduling: {
        hours: targets.scheduling?.hours ?? defaults.targets.scheduling.hours,
        byStage: { ...targets.scheduling?.byStage },
      },
    },
    calendar: {
      type: calendar.type ?? defaults.calendar.type,
      timeZone: calendar.timeZone ?? defaults.calendar.timeZone,
      workingHours: copyWorkingHours(calendar.workingHours ?? defaults.calendar.workingHours),
      holidays: [...(calendar.holidays ?? defaults.calendar.holidays)],
    },
    reminders: [...(input.reminders ?? defaults.reminders)],
  };
}

/** A version as the JSON of SPEC §7, with its number (GET /sla/policy and its history). */
export const policyDocument = ({ version, effectiveFrom, policy }: SlaPolicyVersion) => ({
  version,
  effectiveFrom,
  ...policy,
});

/**
 * The version that judges an obligation started at `instant`: of the versions already effective then,
 * the one recorded last. So a later version with an earlier effectiveFrom re-judges what started
 * since its effectiveFrom, and one effective in the future changes nothing until then.
 */
export function policyInForceAt(timeline: PolicyTimeline, instant: Instant): SlaPolicyVersion {
  const at = toMillis(instant);
  let inForce: SlaPolicyVersion | undefined;
  for (const version of timeline) {
    if (toMillis(version.effectiveFrom) <= at && (inForce === undefined || version.version > inForce.version)) {
      inForce = version;
    }
  }
  return inForce ?? DEFAULT_POLICY_VERSION;
}

/** The target of one kind of obligation in one stage, in counted hours; null when the kind is off there. */
export function targetHours(policy: NormalisedPolicy, kind: ObligationKind, stage: Stage): number | null {
  const targets = policy.targets[kind];
  const byStage: Partial<Record<Stage, number | null>> = targets.byStage;
  return Object.hasOwn(byStage, stage) ? (byStage[stage] ?? null) : targets.hours;
}

/** The clock a policy counts with. The same object each time, so the calendar's compiled form is reused. */
export const workCalendar = (policy: NormalisedPolicy): WorkCalendar => policy.calendar;

/**
 * When an obligation started at `startedAt` with a target of `hours` falls due: an obligation that
 * starts outside working hours starts counting at the next working moment (SPEC §7).
 */
export function dueAfter(startedAt: Instant, hours: number, policy: NormalisedPolicy): Instant {
  const calendar = workCalendar(policy);
  return fromMillis(addWorkingHours(nextWorkingMoment(toMillis(startedAt), calendar), hours, calendar));
}

function copyWorkingHours(hours: WorkingHours): WorkingHours {
  return Object.fromEntries(
    Object.entries(hours).map(([day, periods]) => [day, (periods ?? []).map(([from, to]) => [from, to] as const)]),
  );
}

// ---- the configuration that seeds version 1 (SPEC §5) ----------------------------------------------

/** SLA_HOURS, SLA_CALENDAR and SLA_TIMEZONE (SPEC §5), parsed by the config module. */
export type SlaPolicy = {
  hours: number;
  /** `calendar` counts every elapsed hour; `business` only Monday–Friday hours in `timeZone`. */
  calendar: 'calendar' | 'business';
  timeZone: string;
};

export const SLA_CALENDARS = ['calendar', 'business'] as const;

export const DEFAULT_SLA_POLICY: SlaPolicy = { hours: 48, calendar: 'calendar', timeZone: 'Europe/Belgrade' };

/** For the config module, at startup: a bad policy should stop the service, not skew every due date. */
export function slaPolicyProblems(policy: SlaPolicy): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(policy.hours) || policy.hours <= 0) problems.push('SLA hours must be a positive number');
  if (!SLA_CALENDARS.includes(policy.calendar)) problems.push('SLA calendar must be "calendar" or "business"');
  if (!IANAZone.isValidZone(policy.timeZone)) problems.push(`"${policy.timeZone}" is not an IANA time zone`);
  return problems;
}

/**
 * Version 1 of the policy on a database that has none: the configured hours for decisions and
 * scorecards, the configured clock (business = Monday–Friday, whole days), in force since always.
 */
export function seedPolicy({ hours, calendar, timeZone }: SlaPolicy): SlaPolicyDocument {
  return {
    effectiveFrom: EPOCH,
    targets: { decision: { hours }, scorecard: { hours }, scheduling: { hours: null } },
    calendar: { type: calendar, timeZone },
    reminders: [...DEFAULT_POLICY.reminders],
  };
}

const configuredVersions = new WeakMap<SlaPolicy, SlaPolicyVersion>();

/** The configuration as the only version there is: what callers that predate versioned policies mean. */
export function configuredPolicyVersion(config: SlaPolicy): SlaPolicyVersion {
  const known = configuredVersions.get(config);
  if (known) return known;
  const version = {
    ...DEFAULT_POLICY_VERSION,
    version: 1,
    policy: normalisePolicy(seedPolicy(config)),
    by: 'configuration',
  };
  configuredVersions.set(config, version);
  return version;
}

/** @deprecated use dueAfter with the version in force (policyInForceAt), or obligationsUnder */
export function dueAt(startedAt: Instant, policy: SlaPolicy): Instant {
  const { policy: rules } = configuredPolicyVersion(policy);
  return dueAfter(startedAt, policy.hours, rules);
}
