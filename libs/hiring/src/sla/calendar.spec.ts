import { DateTime } from 'luxon';
import {
  WHOLE_WEEKDAYS,
  type WorkCalendar,
  type WorkingHours,
  addWorkingHours,
  calendarProblems,
  nextWorkingMoment,
  workingHoursBetween,
} from './calendar';

const BELGRADE = 'Europe/Belgrade';

function business(workingHours: WorkingHours, holidays: string[] = [], timeZone = BELGRADE): WorkCalendar {
  return { type: 'business', timeZone, workingHours, holidays };
}

const every = (hours: ReadonlyArray<readonly [string, string]>): WorkingHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: hours,
  sun: hours,
});
const weekdays = (hours: ReadonlyArray<readonly [string, string]>): WorkingHours => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
});

const wholeWeekdays = business(WHOLE_WEEKDAYS);
const nineToFive = business(weekdays([['09:00', '17:00']]));
const lunchOnFriday: WorkingHours = {
  ...weekdays([['09:00', '17:00']]),
  fri: [
    ['09:00', '13:00'],
    ['14:00', '17:00'],
  ],
};
const withLunchOnFriday = business(lunchOnFriday);

/** A local wall-clock time in `zone` (Belgrade unless said otherwise), as the instant it names. */
const at = (local: string, zone = BELGRADE) => DateTime.fromISO(local, { zone }).toMillis();
/** An instant as its local time with offset, so expectations read like the calendar on the wall. */
const local = (ms: number, zone = BELGRADE) =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true });

const due = (start: string, hours: number, calendar: WorkCalendar, zone = BELGRADE) =>
  local(addWorkingHours(at(start, zone), hours, calendar), zone);

describe('a calendar clock', () => {
  const clock: WorkCalendar = { type: 'calendar' };

  it('counts every elapsed hour, weekends and clock changes included', () =>
    expect(due('2026-03-28T12:00', 48, clock)).toBe('2026-03-30T13:00:00+02:00'));

  it('counts from the moment the obligation starts', () =>
    expect(nextWorkingMoment(at('2026-11-29T03:00'), clock)).toBe(at('2026-11-29T03:00')));

  it('measures the hours between two instants, and none backwards', () => {
    expect(workingHoursBetween(at('2026-11-27T16:00'), at('2026-11-29T16:00'), clock)).toBe(48);
    expect(workingHoursBetween(at('2026-11-29T16:00'), at('2026-11-27T16:00'), clock)).toBe(0);
  });
});

describe('given whole weekdays (the default business calendar)', () => {
  it('falls due on Tuesday 16:00 when 48 hours start on Friday 16:00 (SPEC §3)', () =>
    expect(due('2026-11-27T16:00', 48, wholeWeekdays)).toBe('2026-12-01T16:00:00+01:00'));

  it('counts a start on Saturday from Monday 00:00 local time', () => {
    expect(nextWorkingMoment(at('2026-11-28T14:00'), wholeWeekdays)).toBe(at('2026-11-30T00:00'));
    expect(due('2026-11-28T14:00', 48, wholeWeekdays)).toBe('2026-12-02T00:00:00+01:00');
  });

  it('falls due at the very end of Friday, not on Monday, when the hours run out exactly then', () =>
    expect(due('2026-11-27T16:00', 8, wholeWeekdays)).toBe('2026-11-28T00:00:00+01:00'));

  it('reaches a 1,000-hour target across eight weekends', () =>
    // 40 weekdays are 960 hours; the last 40 are Monday and 16 hours of Tuesday.
    expect(due('2026-01-05T00:00', 1000, wholeWeekdays)).toBe('2026-03-03T16:00:00+01:00'));

  it('counts the real hours of a weekday on which the clocks change', () => {
    // Cairo springs forward at Friday 24 April 2026 00:00, so that Friday has 23 hours.
    const cairo = business(WHOLE_WEEKDAYS, [], 'Africa/Cairo');
    expect(due('2026-04-23T12:00', 24, cairo, 'Africa/Cairo')).toBe('2026-04-24T13:00:00+03:00');
    expect(
      workingHoursBetween(at('2026-04-24T00:00', 'Africa/Cairo'), at('2026-04-25T00:00', 'Africa/Cairo'), cairo),
    ).toBe(23);
  });

  it('ends a weekday that began at 01:00, its midnight skipped, at the next midnight', () =>
    // Cairo's Friday 25 April 2025 began at 01:00: 20 h 14 min that Friday, 3 h 46 min on Monday.
    expect(due('2025-04-25T03:46', 24, business(WHOLE_WEEKDAYS, [], 'Africa/Cairo'), 'Africa/Cairo')).toBe(
      '2025-04-28T03:46:00+03:00',
    ));

  it('counts Monday from its midnight after a Sunday that began at 01:00', () =>
    // Santiago skipped Sunday 7 September 2025 00:00; Monday still starts at 00:00.
    expect(due('2025-09-07T01:44', 0.5, business(WHOLE_WEEKDAYS, [], 'America/Santiago'), 'America/Santiago')).toBe(
      '2025-09-08T00:30:00-03:00',
    ));
});

describe('given working hours of 9 to 17 on weekdays', () => {
  it('carries what is left at closing time over to the next morning', () =>
    expect(due('2026-11-23T15:00', 8, nineToFive)).toBe('2026-11-24T15:00:00+01:00'));

  it('starts counting at opening time when the obligation starts before it', () => {
    expect(nextWorkingMoment(at('2026-11-23T07:00'), nineToFive)).toBe(at('2026-11-23T09:00'));
    expect(due('2026-11-23T07:00', 1, nineToFive)).toBe('2026-11-23T10:00:00+01:00');
  });

  it('starts counting the next morning when the obligation starts after closing time', () => {
    expect(nextWorkingMoment(at('2026-11-23T18:00'), nineToFive)).toBe(at('2026-11-24T09:00'));
    expect(due('2026-11-23T18:00', 1, nineToFive)).toBe('2026-11-24T10:00:00+01:00');
  });

  it('counts a start during working hours from that very moment', () =>
    expect(nextWorkingMoment(at('2026-11-23T11:17'), nineToFive)).toBe(at('2026-11-23T11:17')));

  it('falls due at closing time, not the next opening, when the hours run out exactly then', () =>
    expect(due('2026-11-23T09:00', 8, nineToFive)).toBe('2026-11-23T17:00:00+01:00'));

  it('spreads 48 hours over six working days and a weekend', () =>
    // Friday 1 h, the next week 40 h, then 7 h of Monday.
    expect(due('2026-11-27T16:00', 48, nineToFive)).toBe('2026-12-07T16:00:00+01:00'));
});

describe('given a lunch break on Friday (several intervals a day)', () => {
  it('does not count the lunch break', () => {
    expect(due('2026-11-27T12:00', 2, withLunchOnFriday)).toBe('2026-11-27T15:00:00+01:00');
    expect(workingHoursBetween(at('2026-11-27T08:00'), at('2026-11-27T18:00'), withLunchOnFriday)).toBe(7);
  });

  it('falls due when lunch begins when the hours run out exactly then', () =>
    expect(due('2026-11-27T09:00', 4, withLunchOnFriday)).toBe('2026-11-27T13:00:00+01:00'));

  it('starts counting after lunch when the obligation starts during it', () => {
    expect(nextWorkingMoment(at('2026-11-27T13:30'), withLunchOnFriday)).toBe(at('2026-11-27T14:00'));
    expect(due('2026-11-27T13:30', 1, withLunchOnFriday)).toBe('2026-11-27T15:00:00+01:00');
  });
});

describe('given holidays', () => {
  it('starts counting on the next working day when the obligation starts on a holiday', () => {
    expect(due('2026-11-25T10:00', 4, business(weekdays([['09:00', '17:00']]), ['2026-11-25']))).toBe(
      '2026-11-26T13:00:00+01:00',
    );
    expect(due('2026-11-25T10:00', 4, business(WHOLE_WEEKDAYS, ['2026-11-25']))).toBe('2026-11-26T04:00:00+01:00');
  });

  it('skips a long weekend of a Friday and a Monday holiday', () => {
    // Thursday 8 h, then Friday to Monday are not worked, then Tuesday 24 h and 16 h of Wednesday.
    const easter = business(WHOLE_WEEKDAYS, ['2027-04-30', '2027-05-03']);
    expect(due('2027-04-29T16:00', 48, easter)).toBe('2027-05-05T16:00:00+02:00');
    expect(workingHoursBetween(at('2027-04-29T16:00'), at('2027-05-05T16:00'), easter)).toBe(48);
  });

  it('changes nothing when a holiday falls on a weekend that is not worked anyway', () =>
    expect(due('2026-11-27T16:00', 48, business(WHOLE_WEEKDAYS, ['2026-11-28', '2026-11-29']))).toBe(
      '2026-12-01T16:00:00+01:00',
    ));

  it('skips a holiday on a Saturday that is worked', () => {
    const saturdays = business({ ...WHOLE_WEEKDAYS, sat: [['00:00', '24:00']] }, ['2026-11-28']);
    expect(due('2026-11-27T16:00', 48, saturdays)).toBe('2026-12-01T16:00:00+01:00');
    expect(due('2026-11-27T16:00', 48, business({ ...WHOLE_WEEKDAYS, sat: [['00:00', '24:00']] }))).toBe(
      '2026-11-30T16:00:00+01:00',
    );
  });
});

describe('given the clocks change in Belgrade (last Sundays of March and October 2026)', () => {
  const allWeek = business(every([['00:00', '24:00']]));

  it('keeps wall-clock time for whole weekdays when the change falls on the weekend', () => {
    expect(due('2026-03-27T16:00', 48, wholeWeekdays)).toBe('2026-03-31T16:00:00+02:00');
    expect(due('2026-10-23T16:00', 48, wholeWeekdays)).toBe('2026-10-27T16:00:00+01:00');
  });

  it('keeps opening hours for 9 to 17 on weekdays across the change', () => {
    expect(due('2026-03-27T15:00', 8, nineToFive)).toBe('2026-03-30T15:00:00+02:00');
    expect(due('2026-10-23T15:00', 8, nineToFive)).toBe('2026-10-26T15:00:00+01:00');
  });

  it('counts 23 hours on the spring Sunday and 25 on the autumn Sunday of a whole-day calendar', () => {
    expect(workingHoursBetween(at('2026-03-29T00:00'), at('2026-03-30T00:00'), allWeek)).toBe(23);
    expect(workingHoursBetween(at('2026-10-25T00:00'), at('2026-10-26T00:00'), allWeek)).toBe(25);
    expect(due('2026-03-28T12:00', 24, allWeek)).toBe('2026-03-29T13:00:00+02:00');
    expect(due('2026-10-24T12:00', 24, allWeek)).toBe('2026-10-25T11:00:00+01:00');
  });

  it('counts 8 real hours on a worked Sunday of 9 to 17, the change being at night', () => {
    const nineToFiveDaily = business(every([['09:00', '17:00']]));
    expect(due('2026-03-28T15:00', 8, nineToFiveDaily)).toBe('2026-03-29T15:00:00+02:00');
    expect(workingHoursBetween(at('2026-10-25T00:00'), at('2026-10-26T00:00'), nineToFiveDaily)).toBe(8);
  });

  it('counts real elapsed time in an interval that contains the skipped or the repeated hour', () => {
    const earlySundays = business({ sun: [['01:00', '05:00']] });
    expect(workingHoursBetween(at('2026-03-29T00:00'), at('2026-03-30T00:00'), earlySundays)).toBe(3);
    expect(due('2026-03-29T01:00', 2.5, earlySundays)).toBe('2026-03-29T04:30:00+02:00');
    expect(workingHoursBetween(at('2026-10-25T00:00'), at('2026-10-26T00:00'), earlySundays)).toBe(5);
    // Two and a half real hours after 01:00 summer time is the second 02:30, in winter time.
    expect(due('2026-10-25T01:00', 2.5, earlySundays)).toBe('2026-10-25T02:30:00+01:00');
  });

  it('opens when the clocks jump past a skipped opening time, and at the first of a repeated one', () => {
    const lateNight = business({ sun: [['02:30', '05:00']] });
    expect(local(nextWorkingMoment(at('2026-03-29T00:00'), lateNight))).toBe('2026-03-29T03:00:00+02:00');
    expect(workingHoursBetween(at('2026-03-29T00:00'), at('2026-03-30T00:00'), lateNight)).toBe(2);
    expect(local(nextWorkingMoment(at('2026-10-25T00:00'), lateNight))).toBe('2026-10-25T02:30:00+02:00');
    expect(workingHoursBetween(at('2026-10-25T00:00'), at('2026-10-26T00:00'), lateNight)).toBe(3.5);
  });
});

describe('given zones far from UTC', () => {
  const LA = 'America/Los_Angeles';
  const KOLKATA = 'Asia/Kolkata';
  const KIRITIMATI = 'Pacific/Kiritimati';

  it('decides the weekend in Los Angeles, where Friday evening is already Saturday in UTC', () => {
    const la = business(WHOLE_WEEKDAYS, [], LA);
    expect(due('2026-11-27T16:00', 48, la, LA)).toBe('2026-12-01T16:00:00-08:00');
    expect(due('2026-11-27T20:00', 4, la, LA)).toBe('2026-11-28T00:00:00-08:00');
  });

  it('opens at 09:00 in Kolkata, half an hour off the hour from UTC', () => {
    const kolkata = business(weekdays([['09:00', '17:00']]), [], KOLKATA);
    expect(due('2026-11-23T16:30', 1, kolkata, KOLKATA)).toBe('2026-11-24T09:30:00+05:30');
    expect(local(nextWorkingMoment(Date.parse('2026-11-22T20:00:00Z'), kolkata), KOLKATA)).toBe(
      '2026-11-23T09:00:00+05:30',
    );
  });

  it('counts Monday in Kiritimati while it is still Sunday in UTC', () => {
    const sundayInUtc = Date.parse('2026-11-22T11:00:00Z');
    expect(local(addWorkingHours(sundayInUtc, 24, business(WHOLE_WEEKDAYS, [], KIRITIMATI)), KIRITIMATI)).toBe(
      '2026-11-24T01:00:00+14:00',
    );
    const nineToFiveThere = business(weekdays([['09:00', '17:00']]), [], KIRITIMATI);
    expect(local(addWorkingHours(Date.parse('2026-11-22T20:00:00Z'), 8, nineToFiveThere), KIRITIMATI)).toBe(
      '2026-11-24T10:00:00+14:00',
    );
  });
});

describe('workingHoursBetween undoes addWorkingHours', () => {
  const calendars: Record<string, WorkCalendar> = {
    'whole weekdays in Belgrade': wholeWeekdays,
    'a Friday lunch break and holidays in Belgrade': business(lunchOnFriday, [
      '2026-05-01',
      '2026-11-11',
      '2027-01-01',
    ]),
    '9 to 17 every day in Los Angeles': business(every([['09:00', '17:00']]), [], 'America/Los_Angeles'),
    'Sunday nights across the clock changes in Belgrade': business({
      sun: [['01:00', '05:00']],
      sat: [['22:00', '24:00']],
    }),
    'whole weekdays in Kiritimati': business(WHOLE_WEEKDAYS, [], 'Pacific/Kiritimati'),
  };
  const starts = Array.from(
    { length: 240 },
    (_, i) => Date.parse('2026-03-01T00:00:00Z') + i * (37 * 3_600_000 + 11 * 60_000),
  );
  const amounts = [0.5, 1, 7.25, 48, 130];

  it.each(Object.entries(calendars))('counts back exactly the hours it added, with %s', (_, calendar) => {
    const mismatches: string[] = [];
    for (const start of starts) {
      for (const hours of amounts) {
        const end = addWorkingHours(start, hours, calendar);
        const counted = workingHoursBetween(start, end, calendar);
        if (Math.abs(counted - hours) > 1e-9)
          mismatches.push(`${new Date(start).toISOString()} + ${hours} h counted ${counted} h`);
        // Going the other way lands on the last working moment at or before an arbitrary instant (when
        // any time was counted: adding nothing answers the next working moment, which may be later).
        const later = start + hours * 3_600_000;
        const between = workingHoursBetween(start, later, calendar);
        const back = addWorkingHours(start, between, calendar);
        if (between > 0 && (back > later || workingHoursBetween(back, later, calendar) !== 0)) {
          mismatches.push(
            `${new Date(start).toISOString()} → ${new Date(later).toISOString()} came back at ${new Date(back).toISOString()}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('given a calendar with no working hours at all', () => {
  const never = business({ sat: [], sun: [] });

  it('is reported as a problem of its working hours', () =>
    expect(calendarProblems(never, 'calendar')).toEqual([
      { field: 'calendar.workingHours', message: 'must have working hours on at least one weekday' },
    ]));

  it('throws instead of searching forever for a working moment', () => {
    expect(() => addWorkingHours(at('2026-11-23T09:00'), 1, never)).toThrow(/at least one weekday/);
    expect(() => nextWorkingMoment(at('2026-11-23T09:00'), never)).toThrow(/at least one weekday/);
    expect(() => workingHoursBetween(at('2026-11-23T09:00'), at('2026-11-24T09:00'), never)).toThrow(
      /at least one weekday/,
    );
  });
});

describe('refusing what cannot be counted', () => {
  it('refuses a negative or endless number of hours', () => {
    expect(() => addWorkingHours(0, -1, wholeWeekdays)).toThrow(RangeError);
    expect(() => addWorkingHours(0, Number.POSITIVE_INFINITY, { type: 'calendar' })).toThrow(RangeError);
  });

  it('refuses to walk towards an instant that is not one', () => {
    expect(() => workingHoursBetween(0, Number.POSITIVE_INFINITY, wholeWeekdays)).toThrow(RangeError);
    expect(() => nextWorkingMoment(Number.NaN, wholeWeekdays)).toThrow(RangeError);
  });

  it('refuses a malformed calendar handed to it directly, naming the field', () =>
    expect(() => addWorkingHours(0, 1, business(WHOLE_WEEKDAYS, [], 'Mars/Olympus'))).toThrow(/calendar\.timeZone/));
});

describe('checking a calendar given by a user', () => {
  const problemFields = (input: unknown) => calendarProblems(input, 'calendar').map((problem) => problem.field);

  it('accepts the calendar of the SPEC §7 example', () =>
    expect(
      calendarProblems(
        {
          type: 'business',
          timeZone: 'Europe/Belgrade',
          workingHours: lunchOnFriday,
          holidays: ['2027-01-01', '2027-01-07'],
        },
        'calendar',
      ),
    ).toEqual([]));

  it('accepts a calendar clock, and a business calendar whose other fields take their defaults', () => {
    expect(calendarProblems({ type: 'calendar' }, 'calendar')).toEqual([]);
    expect(calendarProblems({ type: 'business' }, 'calendar')).toEqual([]);
  });

  it('treats a weekday left undefined as not worked', () =>
    expect(
      calendarProblems({ type: 'business', workingHours: { ...WHOLE_WEEKDAYS, sat: undefined } }, 'calendar'),
    ).toEqual([]));

  it('accepts a whole day ending at 24:00 and intervals that touch', () =>
    expect(
      problemFields({
        type: 'business',
        workingHours: {
          mon: [['00:00', '24:00']],
          tue: [
            ['09:00', '13:00'],
            ['13:00', '17:00'],
          ],
        },
      }),
    ).toEqual([]));

  it('names a calendar that is not an object, or of an unknown type', () => {
    expect(calendarProblems('business', 'calendar')).toEqual([{ field: 'calendar', message: 'must be an object' }]);
    expect(problemFields({ type: 'lunar' })).toEqual(['calendar.type']);
  });

  it('names an unknown time zone and a misspelt field', () =>
    expect(problemFields({ type: 'business', timeZone: 'Mars/Olympus', timezone: 'Europe/Belgrade' })).toEqual([
      'calendar.timezone',
      'calendar.timeZone',
    ]));

  it('names each malformed time of day', () =>
    expect(
      problemFields({
        type: 'business',
        workingHours: {
          mon: [
            ['9:00', '17:00'],
            ['18:00', '25:00'],
          ],
          tue: [['12:60', 18]],
          wed: [['09:00']],
        },
      }),
    ).toEqual([
      'calendar.workingHours.mon[0][0]',
      'calendar.workingHours.mon[1][1]',
      'calendar.workingHours.tue[0][0]',
      'calendar.workingHours.tue[0][1]',
      'calendar.workingHours.wed[0]',
    ]));

  it('names reversed, empty and overlapping intervals', () =>
    expect(
      calendarProblems(
        {
          type: 'business',
          workingHours: {
            mon: [['17:00', '09:00']],
            tue: [['09:00', '09:00']],
            wed: [
              ['12:00', '17:00'],
              ['09:00', '13:00'],
            ],
            thu: [['24:00', '24:00']],
          },
        },
        'calendar',
      ),
    ).toEqual([
      { field: 'calendar.workingHours.mon[0]', message: 'must start before it ends (17:00–09:00)' },
      { field: 'calendar.workingHours.tue[0]', message: 'must start before it ends (09:00–09:00)' },
      { field: 'calendar.workingHours.wed[0]', message: 'overlaps calendar.workingHours.wed[1]' },
      { field: 'calendar.workingHours.thu[0]', message: 'must start before it ends (24:00–24:00)' },
    ]));

  it('names an unknown weekday and a weekday that is not a list', () =>
    expect(
      problemFields({ type: 'business', workingHours: { fry: [['09:00', '17:00']], mon: '09:00-17:00' } }),
    ).toEqual(['calendar.workingHours.fry', 'calendar.workingHours.mon']));

  it('names holidays that are not real dates', () =>
    expect(problemFields({ type: 'business', holidays: ['2027-01-01', '2027-02-30', '01/01/2027', 20270101] })).toEqual(
      ['calendar.holidays[1]', 'calendar.holidays[2]', 'calendar.holidays[3]'],
    ));

  it('prefixes field names with the path it is given, or none', () =>
    expect(calendarProblems({ type: 'business', holidays: 'none' }, '').map((problem) => problem.field)).toEqual([
      'holidays',
    ]));
});
