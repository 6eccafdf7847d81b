import type { ApplicationEvent } from '../application/application.events';
import { application, mon, submitted, tue, wed } from '../testing/application-fixtures';
import type { Obligation } from './obligations';
import { obligationsUnder } from './obligations';
import { DEFAULT_POLICY_VERSION, type SlaPolicyVersion, normalisePolicy } from './policy';
import { type RecordedNotices, judgingVersion, nextNotice, nextNoticeAt, reminderSchedule } from './reminders';

const calendarClock = DEFAULT_POLICY_VERSION;
const businessClock: SlaPolicyVersion = {
  ...DEFAULT_POLICY_VERSION,
  version: 2,
  policy: normalisePolicy({ calendar: { type: 'business', timeZone: 'Europe/Belgrade' } }),
};

const decisionUnder = (version: SlaPolicyVersion, ...events: ApplicationEvent[]): Obligation =>
  obligationsUnder(application(...events), [version])[0];

/** Owed from Monday 09:00: reminders Tuesday 09:00 and 21:00, due Wednesday 09:00. */
const owed = (settled: Partial<Obligation> = {}): Obligation => ({
  ...decisionUnder(calendarClock, submitted(mon('09:00'))),
  ...settled,
});
const nothingYet: RecordedNotices = { fractions: [], escalated: false };

describe('the reminder points of an obligation', () => {
  it('fall at each fraction of the target, then the escalation at the due time', () =>
    expect(reminderSchedule(owed(), calendarClock)).toEqual([
      { type: 'reminder', fraction: 0.5, dueAt: tue('09:00') },
      { type: 'reminder', fraction: 0.75, dueAt: tue('21:00') },
      { type: 'escalation', dueAt: wed('09:00') },
    ]));

  it('fall on a Saturday on a calendar clock', () =>
    // Friday 27 November 12:00 in Belgrade (11:00 UTC) + 24 h.
    expect(
      reminderSchedule(decisionUnder(calendarClock, submitted('2026-11-27T11:00:00.000Z')), calendarClock)[0],
    ).toEqual({
      type: 'reminder',
      fraction: 0.5,
      dueAt: '2026-11-28T11:00:00.000Z',
    }));

  it('fall on the Monday instead on a business clock: 12 hours of Friday, then 12 of Monday', () =>
    expect(
      reminderSchedule(decisionUnder(businessClock, submitted('2026-11-27T11:00:00.000Z')), businessClock),
    ).toEqual([
      { type: 'reminder', fraction: 0.5, dueAt: '2026-11-30T11:00:00.000Z' },
      { type: 'reminder', fraction: 0.75, dueAt: '2026-11-30T23:00:00.000Z' },
      { type: 'escalation', dueAt: '2026-12-01T11:00:00.000Z' },
    ]));

  it('follow the policy that judged the obligation', () =>
    expect(judgingVersion([calendarClock, businessClock], { ...owed(), policyVersion: 2 })).toBe(businessClock));
});

describe('the notice to record now', () => {
  it('is nothing before the first point', () =>
    expect(nextNotice(owed(), calendarClock, tue('08:59'), nothingYet)).toBeNull());

  it('is the first reminder once its point is reached', () =>
    expect(nextNotice(owed(), calendarClock, tue('09:00'), nothingYet)).toEqual({
      type: 'reminder',
      fraction: 0.5,
      dueAt: tue('09:00'),
    }));

  it('is nothing more while the reminder already recorded is the latest point reached', () =>
    expect(nextNotice(owed(), calendarClock, tue('20:00'), { fractions: [0.5], escalated: false })).toBeNull());

  it('is only the latest reminder when several points are past together', () =>
    expect(nextNotice(owed(), calendarClock, tue('22:00'), nothingYet)).toMatchObject({
      type: 'reminder',
      fraction: 0.75,
    }));

  it('is the escalation, not any reminder, once the due time is past too', () =>
    expect(nextNotice(owed(), calendarClock, wed('12:00'), nothingYet)).toEqual({
      type: 'escalation',
      dueAt: wed('09:00'),
    }));

  it('is the escalation at the due time exactly', () =>
    expect(nextNotice(owed(), calendarClock, wed('09:00'), { fractions: [0.5, 0.75], escalated: false })).toMatchObject(
      {
        type: 'escalation',
      },
    ));

  it('never goes back to an earlier reminder than one already recorded', () =>
    expect(nextNotice(owed(), calendarClock, tue('22:00'), { fractions: [0.75], escalated: false })).toBeNull());

  it('is nothing once escalated', () =>
    expect(nextNotice(owed(), calendarClock, wed('12:00'), { fractions: [], escalated: true })).toBeNull());

  it('is nothing for an obligation met before now, even with points left unrecorded', () =>
    expect(nextNotice(owed({ satisfiedAt: tue('10:00') }), calendarClock, wed('12:00'), nothingYet)).toBeNull());

  it('is nothing for an obligation met at this very moment', () =>
    expect(nextNotice(owed({ satisfiedAt: tue('09:00') }), calendarClock, tue('09:00'), nothingYet)).toBeNull());

  it('is nothing for an obligation cancelled before now', () =>
    expect(nextNotice(owed({ cancelledAt: tue('10:00') }), calendarClock, wed('12:00'), nothingYet)).toBeNull());
});

describe('when the next notice falls due', () => {
  it('is the first reminder point while nothing is recorded', () =>
    expect(nextNoticeAt(owed(), calendarClock, mon('10:00'), nothingYet)).toBe(tue('09:00')));

  it('is the next point after those recorded', () =>
    expect(nextNoticeAt(owed(), calendarClock, tue('10:00'), { fractions: [0.5], escalated: false })).toBe(
      tue('21:00'),
    ));

  it('is the escalation once every reminder is recorded', () =>
    expect(nextNoticeAt(owed(), calendarClock, tue('22:00'), { fractions: [0.5, 0.75], escalated: false })).toBe(
      wed('09:00'),
    ));

  it('is already past when a point was reached and nothing recorded, so the timer acts at once', () =>
    expect(nextNoticeAt(owed(), calendarClock, tue('22:00'), nothingYet)).toBe(tue('09:00')));

  it('is never once escalated', () =>
    expect(nextNoticeAt(owed(), calendarClock, wed('10:00'), { fractions: [0.5], escalated: true })).toBeNull());

  it('is never once the obligation is met', () =>
    expect(nextNoticeAt(owed({ satisfiedAt: mon('12:00') }), calendarClock, mon('13:00'), nothingYet)).toBeNull());

  it('is never once the obligation is cancelled', () =>
    expect(nextNoticeAt(owed({ cancelledAt: mon('12:00') }), calendarClock, mon('13:00'), nothingYet)).toBeNull());
});
