/** The shapes of a working calendar (SPEC §7), shared by the calendar and its validation. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** "HH:MM" in local time, from "00:00" to "24:00" (the end of the day). */
export type TimeOfDay = string;
export type WorkingHours = Partial<Record<Weekday, ReadonlyArray<readonly [TimeOfDay, TimeOfDay]>>>;
export type WorkCalendar =
  | { type: 'calendar' }
  | { type: 'business'; timeZone: string; workingHours: WorkingHours; holidays: readonly string[] };

const WHOLE_DAY: ReadonlyArray<readonly [TimeOfDay, TimeOfDay]> = [['00:00', '24:00']];

/** Monday–Friday, whole days: the default working hours of SPEC §7 (and of SLA_CALENDAR=business). */
export const WHOLE_WEEKDAYS: WorkingHours = Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [day, WHOLE_DAY]));
