import { DateTime } from 'luxon';

const HOUR = 3_600_000;

/**
 * The instant at which `hours` of Monday–Friday time have elapsed after `startMs`, in `timeZone`.
 *
 * Weekdays are local calendar days, but the hours counted are real elapsed hours: a weekday on which
 * the clocks change has 23 or 25 of them, so DST neither stretches nor shrinks an SLA. A start on a
 * weekend counts from Monday 00:00 local. When the budget runs out exactly at the end of a Friday,
 * the answer is Saturday 00:00 (the same business instant as Monday 00:00, and the earlier one).
 */
export function addBusinessHours(startMs: number, hours: number, timeZone: string): number {
  let remaining = hours * HOUR;
  let at = DateTime.fromMillis(startMs, { zone: timeZone });
  for (;;) {
    // luxon adds calendar days in local time, and startOf('day') lands on the first instant that
    // exists when a zone skips midnight, so these are true local day starts even across DST.
    if (at.weekday >= 6) {
      at = at.startOf('day').plus({ days: 8 - at.weekday });
      continue;
    }
    const weekendStart = at.startOf('day').plus({ days: 6 - at.weekday });
    const available = weekendStart.toMillis() - at.toMillis();
    if (remaining <= available) return at.toMillis() + remaining;
    remaining -= available;
    at = weekendStart;
  }
}
