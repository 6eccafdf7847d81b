import { type Instant, fromMillis, toMillis } from '../shared/instant';
import { addWorkingHours, nextWorkingMoment } from './calendar';
import type { Obligation } from './obligations';
import { DEFAULT_POLICY_VERSION, type PolicyTimeline, type SlaPolicyVersion, workCalendar } from './policy';

/**
 * A point on an obligation's clock where something is recorded (SPEC §6): a reminder to the owners at
 * a fraction of the target, or the escalation when it falls due unmet. `dueAt` is when the point is reached.
 */
export type Notice = { type: 'reminder'; fraction: number; dueAt: Instant } | { type: 'escalation'; dueAt: Instant };

/** What has already been recorded for one obligation. */
export type RecordedNotices = { fractions: readonly number[]; escalated: boolean };

/** The version that judged an obligation, by its number, for reminderSchedule and nextNotice. */
export const judgingVersion = (timeline: PolicyTimeline, obligation: Obligation): SlaPolicyVersion =>
  timeline.find((version) => version.version === obligation.policyVersion) ?? DEFAULT_POLICY_VERSION;

/**
 * Every point of an obligation in time order: each reminder fraction of its target on its own clock,
 * so on a business calendar a reminder never falls outside working hours, then the escalation at its
 * due time. `version` must be the one that judged it (obligation.policyVersion).
 */
export function reminderSchedule(obligation: Obligation, version: SlaPolicyVersion): Notice[] {
  const calendar = workCalendar(version.policy);
  const counting = nextWorkingMoment(toMillis(obligation.startedAt), calendar);
  const reminders = version.policy.reminders.map((fraction): Notice => ({
    type: 'reminder',
    fraction,
    dueAt: fromMillis(addWorkingHours(counting, fraction * obligation.targetHours, calendar)),
  }));
  return [...reminders, { type: 'escalation', dueAt: obligation.dueAt }];
}

/**
 * The one notice to record for the obligation at `now`, or null. Nothing once it is satisfied or
 * cancelled (at or before `now`). When several points are past together (an interview recorded late,
 * a timer that was down), only the latest: the escalation beats every reminder, and a reminder
 * earlier than one already recorded is never recorded.
 */
export function nextNotice(
  obligation: Obligation,
  version: SlaPolicyVersion,
  now: Instant,
  recorded: RecordedNotices,
): Notice | null {
  const at = toMillis(now);
  if (settledAt(obligation) <= at) return null;
  const reached = pending(obligation, version, recorded).filter((notice) => toMillis(notice.dueAt) <= at);
  return reached.at(-1) ?? null;
}

/**
 * When the next notice of the obligation falls due, for the timer: possibly already (at or before
 * `now`), null when nothing more will ever be recorded. An open obligation's points after `now` may
 * still be cut short by its settlement, which the timer learns about from the events.
 */
export function nextNoticeAt(
  obligation: Obligation,
  version: SlaPolicyVersion,
  now: Instant,
  recorded: RecordedNotices,
): Instant | null {
  const settled = settledAt(obligation);
  if (settled <= toMillis(now)) return null;
  const next = pending(obligation, version, recorded).find((notice) => toMillis(notice.dueAt) < settled);
  return next?.dueAt ?? null;
}

/** The points not yet recorded nor overtaken by a later one that was, in time order. */
function pending(obligation: Obligation, version: SlaPolicyVersion, recorded: RecordedNotices): Notice[] {
  if (recorded.escalated) return [];
  const latestFraction = Math.max(0, ...recorded.fractions);
  return reminderSchedule(obligation, version).filter(
    (notice) => notice.type === 'escalation' || notice.fraction > latestFraction,
  );
}

/** When the obligation stopped being owed, as ms; Infinity while it is open. */
function settledAt({ satisfiedAt, cancelledAt }: Obligation): number {
  return Math.min(
    satisfiedAt === undefined ? Infinity : toMillis(satisfiedAt),
    cancelledAt === undefined ? Infinity : toMillis(cancelledAt),
  );
}
