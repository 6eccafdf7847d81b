import { DateTime } from 'luxon';
import { InvalidTimestamp } from '../errors';

/**
 * Instants travel as ISO 8601 strings with an offset. The domain stores them in one canonical form
 * (UTC, milliseconds, `Z`) so that equal instants are equal strings, they sort as strings, and the
 * state stays plain JSON.
 */
export type Instant = string;

/** The canonical form of a client- or clock-supplied time; refuses what is not an ISO 8601 instant. */
export function canonicalInstant(value: string, field: string): Instant {
  // The offset is required so that a bare "10:00" is never read in the server's zone, and luxon
  // (unlike Date.parse) refuses impossible dates such as 30 February instead of rolling them over.
  const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!isoWithOffset.test(value) || !parsed.isValid) throw new InvalidTimestamp(field);
  return fromMillis(parsed.toMillis());
}

export const toMillis = (instant: Instant): number => Date.parse(instant);

export const fromMillis = (ms: number): Instant => new Date(ms).toISOString();

/** Whether `a` is at or before `b`, whatever offsets they were written with. */
export const atOrBefore = (a: Instant, b: Instant): boolean => toMillis(a) <= toMillis(b);

export const latest = (instants: readonly Instant[]): Instant =>
  instants.reduce((max, next) => (toMillis(next) > toMillis(max) ? next : max));
