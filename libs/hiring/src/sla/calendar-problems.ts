import { DateTime, IANAZone } from 'luxon';
import { type TimeOfDay, WEEKDAYS } from './calendar-types';

/*
 * Whether a calendar a user gave is one the calendar module can walk: field-level problems for 400s.
 */
const TIME_OF_DAY = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
// A calendar clock may keep the business fields (switching back and forth is one field), so both types
// accept all four.
const FIELDS: readonly string[] = ['type', 'timeZone', 'workingHours', 'holidays'];

export function minutesOf(time: TimeOfDay): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

type Problem = { field: string; message: string };

/**
 * Field-level problems of a calendar given by a user (for 400s): bad zone, malformed or overlapping or
 * reversed intervals, unknown weekday, bad holiday dates, no working hours at all. Empty when valid.
 * `path` prefixes field names, e.g. "calendar". `timeZone`, `workingHours` and `holidays` may be
 * omitted: SPEC §7 gives them defaults (Europe/Belgrade, Monday–Friday whole days, none).
 */
export function calendarProblems(input: unknown, path: string): Problem[] {
  return problemsOf(input, path, false);
}

export function problemsOf(input: unknown, path: string, complete: boolean): Problem[] {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  if (!isRecord(input)) return [{ field: path || 'calendar', message: 'must be an object' }];
  const type = input.type;
  if (type !== 'calendar' && type !== 'business')
    return [{ field: at('type'), message: 'must be "calendar" or "business"' }];
  const problems: Problem[] = Object.keys(input)
    .filter((key) => !FIELDS.includes(key))
    .map((key) => ({ field: at(key), message: 'is not a calendar field' }));
  const required = complete && type === 'business';
  if (input.timeZone !== undefined || required) {
    if (typeof input.timeZone !== 'string' || !IANAZone.isValidZone(input.timeZone)) {
      problems.push({ field: at('timeZone'), message: 'must be an IANA time zone such as "Europe/Belgrade"' });
    }
  }
  if (input.workingHours !== undefined || required)
    problems.push(...workingHoursProblems(input.workingHours, at('workingHours')));
  if (input.holidays !== undefined || required) problems.push(...holidayProblems(input.holidays, at('holidays')));
  return problems;
}

function workingHoursProblems(input: unknown, field: string): Problem[] {
  if (!isRecord(input)) return [{ field, message: 'must be an object of weekdays (mon … sun)' }];
  const problems: Problem[] = [];
  let worked = false;
  for (const [weekday, intervals] of Object.entries(input)) {
    // An absent day and one spelt out as undefined (spreading a Partial) are the same: not worked.
    if (intervals === undefined) continue;
    if (!(WEEKDAYS as readonly string[]).includes(weekday)) {
      problems.push({ field: `${field}.${weekday}`, message: 'is not a weekday (mon, tue, wed, thu, fri, sat, sun)' });
    } else if (!Array.isArray(intervals)) {
      problems.push({ field: `${field}.${weekday}`, message: 'must be a list of ["HH:MM", "HH:MM"] intervals' });
    } else {
      const dayProblems = intervalProblems(intervals, `${field}.${weekday}`);
      problems.push(...dayProblems);
      worked ||= dayProblems.length === 0 && intervals.length > 0;
    }
  }
  // Counting would never reach its target: refuse here rather than loop later.
  if (problems.length === 0 && !worked)
    problems.push({ field, message: 'must have working hours on at least one weekday' });
  return problems;
}

function intervalProblems(intervals: unknown[], field: string): Problem[] {
  const problems: Problem[] = [];
  const wellFormed: Array<{ index: number; from: number; to: number }> = [];
  intervals.forEach((interval, index) => {
    const here = `${field}[${index}]`;
    if (!Array.isArray(interval) || interval.length !== 2) {
      problems.push({ field: here, message: 'must be a pair ["HH:MM", "HH:MM"]' });
      return;
    }
    const bad = [0, 1].filter((end) => typeof interval[end] !== 'string' || !TIME_OF_DAY.test(interval[end]));
    bad.forEach((end) =>
      problems.push({ field: `${here}[${end}]`, message: 'must be a time "HH:MM" from 00:00 to 24:00' }),
    );
    if (bad.length > 0) return;
    const [from, to] = [minutesOf(interval[0]), minutesOf(interval[1])];
    if (from >= to)
      problems.push({ field: here, message: `must start before it ends (${interval[0]}–${interval[1]})` });
    else wellFormed.push({ index, from, to });
  });
  wellFormed.sort((a, b) => a.from - b.from);
  for (let i = 1; i < wellFormed.length; i++) {
    if (wellFormed[i].from < wellFormed[i - 1].to) {
      problems.push({
        field: `${field}[${wellFormed[i].index}]`,
        message: `overlaps ${field}[${wellFormed[i - 1].index}]`,
      });
    }
  }
  return problems;
}

function holidayProblems(input: unknown, field: string): Problem[] {
  if (!Array.isArray(input)) return [{ field, message: 'must be a list of dates "YYYY-MM-DD"' }];
  return input.flatMap((date, index) =>
    typeof date === 'string' && LOCAL_DATE.test(date) && DateTime.fromISO(date, { zone: 'utc' }).isValid
      ? []
      : [{ field: `${field}[${index}]`, message: 'must be a real date "YYYY-MM-DD"' }],
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
