import { IANAZone } from 'luxon';
import { assertNever } from '../shared/assert-never';
import { minutesOf, problemsOf } from './calendar-problems';
import { type WorkCalendar, WEEKDAYS } from './calendar-types';

export * from './calendar-types';
export { calendarProblems } from './calendar-problems';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type BusinessCalendar = Extract<WorkCalendar, { type: 'business' }>;

/** A business calendar ready to walk: local minutes per weekday (Monday first), holidays as local day numbers. */
type Walkable = {
  zone: IANAZone;
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  holidays: ReadonlySet<number>;
  /** Working periods by local day: due dates of one policy keep landing on the same few weeks. */
  periods: Map<number, ReadonlyArray<Period>>;
  /** The zone's offset at each day number read as a UTC instant, shared by the days around it. */
  offsets: Map<number, number>;
};
type Period = readonly [start: number, end: number];

const REMEMBERED_DAYS = 4096;
const REMEMBERED_CALENDARS = 64;

/**
 * The instant (ms) at which `hours` of counted time have elapsed after `startMs`.
 *
 * Counted hours are real elapsed hours, so a working period that contains a clock change is an hour
 * shorter or longer on the wall clock. When the budget runs out exactly at the end of a working period
 * the answer is that end, not the start of the next period (the earlier of two equivalent instants).
 * Throws when `hours` is negative or not finite, and when a business calendar has no working hours.
 */
export function addWorkingHours(startMs: number, hours: number, calendar: WorkCalendar): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Cannot count ${hours} working hours`);
  // Whole milliseconds keep workingHoursBetween and addWorkingHours exact inverses of each other.
  const budget = Math.round(hours * HOUR);
  switch (calendar.type) {
    case 'calendar':
      return startMs + budget;
    case 'business':
      return addBusinessTime(startMs, budget, walkable(calendar));
    default:
      return assertNever(calendar);
  }
}

/** Counted hours between two instants (0 when to <= from). */
export function workingHoursBetween(fromMs: number, toMs: number, calendar: WorkCalendar): number {
  if (toMs <= fromMs) return 0;
  switch (calendar.type) {
    case 'calendar':
      return (toMs - fromMs) / HOUR;
    case 'business':
      return businessTimeBetween(fromMs, toMs, walkable(calendar)) / HOUR;
    default:
      return assertNever(calendar);
  }
}

/** The first counted moment at or after `ms` (ms itself for a calendar clock). */
export function nextWorkingMoment(ms: number, calendar: WorkCalendar): number {
  switch (calendar.type) {
    case 'calendar':
      return ms;
    case 'business':
      return addBusinessTime(ms, 0, walkable(calendar));
    default:
      return assertNever(calendar);
  }
}

function addBusinessTime(startMs: number, budget: number, calendar: Walkable): number {
  requireInstants(startMs);
  let remaining = budget;
  let cursor = startMs;
  // Terminates because walkable() refuses calendars without a working weekday and holidays are finite.
  for (let day = localDayAround(startMs, calendar) - 1; ; day++) {
    for (const [start, end] of periodsOn(day, calendar)) {
      if (end <= cursor) continue;
      const from = Math.max(start, cursor);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
      cursor = end;
    }
  }
}

function businessTimeBetween(fromMs: number, toMs: number, calendar: Walkable): number {
  requireInstants(fromMs, toMs);
  let counted = 0;
  const lastDay = localDayAround(toMs, calendar) + 1;
  for (let day = localDayAround(fromMs, calendar) - 1; day <= lastDay; day++) {
    for (const [start, end] of periodsOn(day, calendar)) {
      counted += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
    }
  }
  return counted;
}

/** Walking day by day towards an instant that is not one would never end. */
function requireInstants(...instants: number[]): void {
  const bad = instants.find((ms) => !Number.isFinite(ms));
  if (bad !== undefined) throw new RangeError(`${bad} is not an instant`);
}

/** The working periods of one local day as instants, in order; none on holidays and days not worked. */
function periodsOn(day: number, calendar: Walkable): ReadonlyArray<Period> {
  const known = calendar.periods.get(day);
  if (known) return known;
  const periods = workingPeriods(day, calendar);
  if (calendar.periods.size >= REMEMBERED_DAYS) calendar.periods.clear();
  calendar.periods.set(day, periods);
  return periods;
}

function workingPeriods(day: number, calendar: Walkable): Period[] {
  const { zone, week, holidays } = calendar;
  const intervals = week[isoWeekdayIndex(day)];
  if (intervals.length === 0 || holidays.has(day)) return [];
  const midnight = day * DAY;
  // An offset costs several microseconds; away from a clock change one of them places every boundary,
  // as the day's wall times all belong to instants between these two.
  const offset = offsetOn(day - 1, calendar);
  const steady = offset === offsetOn(day + 2, calendar);
  const instant = (minutes: number) =>
    steady ? midnight + (minutes - offset) * MINUTE : wallClockReaches(midnight + minutes * MINUTE, zone);
  const periods: Period[] = [];
  for (const [from, to] of intervals) {
    const [start, end] = [instant(from), instant(to)];
    // A period that lies wholly inside a skipped hour never happens.
    if (end > start) periods.push([start, end]);
  }
  return periods;
}

function offsetOn(day: number, { zone, offsets }: Walkable): number {
  const known = offsets.get(day);
  if (known !== undefined) return known;
  const offset = zone.offset(day * DAY);
  if (offsets.size >= REMEMBERED_DAYS) offsets.clear();
  offsets.set(day, offset);
  return offset;
}

/**
 * The first instant at which the zone's wall clock reads `wall` (local time written as UTC ms) or later.
 * A local time that happens twice (clocks going back) means its first occurrence; one that never happens
 * (clocks going forward) means the moment the clocks jump past it, so that a period keeps its real length
 * and periods of the same day never overlap.
 */
function wallClockReaches(wall: number, zone: IANAZone): number {
  // Offsets stay within a day of UTC, so the offsets a day either side are the ones this wall time can have.
  const offsets = [zone.offset(wall - DAY), zone.offset(wall + DAY)];
  const occurrences = offsets.map((offset) => wall - offset * MINUTE).filter((at) => wallClock(at, zone) === wall);
  if (occurrences.length > 0) return Math.min(...occurrences);
  // In a gap: the instant of the jump is the only one where the wall clock goes from below `wall` to above it.
  let before = wall - Math.max(...offsets) * MINUTE;
  let after = wall - Math.min(...offsets) * MINUTE;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallClock(middle, zone) >= wall) after = middle;
    else before = middle;
  }
  return after;
}

function wallClock(ms: number, zone: IANAZone): number {
  return ms + zone.offset(ms) * MINUTE;
}

/**
 * Days since 1970-01-01 of the local date at `ms`, or the day before or after it: read with the
 * zone's offset at the start of the UTC day, which a clock change that day makes wrong by at most
 * the change, never by a day. Both walks above start a day early and end a day late, so this is
 * enough, and it spares an exact offset, which costs several microseconds, on every due time.
 */
function localDayAround(ms: number, calendar: Walkable): number {
  return Math.floor((ms + offsetOn(Math.floor(ms / DAY), calendar) * MINUTE) / DAY);
}

function isoWeekdayIndex(day: number): number {
  // Day 0, 1970-01-01, was a Thursday (index 3 with Monday first).
  return (((day + 3) % 7) + 7) % 7;
}

// Calendars are values: one is never changed after it has been counted with.
const walkables = new WeakMap<BusinessCalendar, Walkable>();
// Callers often rebuild the same calendar from a stored policy, so equal contents share one walkable too.
const walkablesByContent = new Map<string, Walkable>();

function walkable(calendar: BusinessCalendar): Walkable {
  const known = walkables.get(calendar);
  if (known) return known;
  const content = JSON.stringify(calendar);
  const compiled = walkablesByContent.get(content) ?? compile(calendar);
  if (walkablesByContent.size >= REMEMBERED_CALENDARS) walkablesByContent.clear();
  walkablesByContent.set(content, compiled);
  walkables.set(calendar, compiled);
  return compiled;
}

function compile(calendar: BusinessCalendar): Walkable {
  const problems = problemsOf(calendar, 'calendar', true);
  if (problems.length > 0) {
    throw new Error(`Invalid work calendar: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  const week = WEEKDAYS.map((weekday) =>
    (calendar.workingHours[weekday] ?? [])
      .map(([from, to]) => [minutesOf(from), minutesOf(to)] as const)
      .sort((a, b) => a[0] - b[0]),
  );
  const holidays = calendar.holidays.map(
    (date) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY,
  );
  const zone = IANAZone.create(calendar.timeZone);
  return { zone, week, holidays: new Set(holidays), periods: new Map(), offsets: new Map() };
}
