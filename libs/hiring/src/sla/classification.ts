import { type Instant, atOrBefore, toMillis } from '../shared/instant';
import type { Obligation } from './obligations';

/**
 * How an obligation stands at instant `at` (SPEC §3). `at` may be past or future: a future instant
 * answers "what will have breached by then if nobody acts". What happened after `at` is ignored, so
 * the same obligation can be classified as of any moment.
 */
export type ObligationOutcome =
  /** Satisfied at or before its due time. */
  | 'met_on_time'
  /** Satisfied, after its due time. */
  | 'met_late'
  /** Withdrawn before it was met: nothing is owed any more. */
  | 'cancelled'
  /** Past due and still open. */
  | 'breached_open'
  /** Open and not yet due (or not yet started at `at`). */
  | 'pending';

const settledBy = (moment: Instant | undefined, at: Instant): boolean => moment !== undefined && atOrBefore(moment, at);

/**
 * Open at `at`: it had started and was neither satisfied nor cancelled at or before `at`. An
 * obligation can start before it is recorded (heldAt is reported later), so "started" is business time.
 */
export function isOpen(o: Obligation, at: Instant): boolean {
  return atOrBefore(o.startedAt, at) && !settledBy(o.satisfiedAt, at) && !settledBy(o.cancelledAt, at);
}

/** Breached at `at`: due strictly before `at`, and neither satisfied nor cancelled at or before `at`. */
export function isBreached(o: Obligation, at: Instant): boolean {
  return toMillis(o.dueAt) < toMillis(at) && !settledBy(o.satisfiedAt, at) && !settledBy(o.cancelledAt, at);
}

/** At risk at `at`: open, and due within the next `withinHours` (both ends included). */
export function isAtRisk(o: Obligation, at: Instant, withinHours: number): boolean {
  const due = toMillis(o.dueAt);
  const now = toMillis(at);
  return isOpen(o, at) && now <= due && due <= now + withinHours * 3_600_000;
}

export function outcome(o: Obligation, at: Instant): ObligationOutcome {
  const { satisfiedAt } = o;
  if (satisfiedAt !== undefined && atOrBefore(satisfiedAt, at)) {
    return atOrBefore(satisfiedAt, o.dueAt) ? 'met_on_time' : 'met_late';
  }
  if (settledBy(o.cancelledAt, at)) return 'cancelled';
  return isBreached(o, at) ? 'breached_open' : 'pending';
}

/** Hours past due at `at` (for breach lists), or until due (for at-risk lists) when negative. */
export const hoursOverdue = (o: Obligation, at: Instant): number => (toMillis(at) - toMillis(o.dueAt)) / 3_600_000;
