import { IANAZone } from 'luxon';
import { assertNever } from '../shared/assert-never';
import { type Instant, fromMillis, toMillis } from '../shared/instant';
import { addBusinessHours } from './business-calendar';

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

/** When an obligation started at `startedAt` falls due (SPEC §3). */
export function dueAt(startedAt: Instant, policy: SlaPolicy): Instant {
  const start = toMillis(startedAt);
  switch (policy.calendar) {
    case 'calendar':
      return fromMillis(start + policy.hours * 3_600_000);
    case 'business':
      return fromMillis(addBusinessHours(start, policy.hours, policy.timeZone));
    default:
      return assertNever(policy.calendar);
  }
}
