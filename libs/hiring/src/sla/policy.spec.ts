import { DEFAULT_SLA_POLICY, type SlaPolicy, dueAt, slaPolicyProblems } from './policy';

const calendar: SlaPolicy = { hours: 48, calendar: 'calendar', timeZone: 'Europe/Belgrade' };
const business: SlaPolicy = { hours: 48, calendar: 'business', timeZone: 'Europe/Belgrade' };

describe('when an obligation falls due', () => {
  describe('counting calendar hours', () => {
    it('falls due 48 hours after it started', () =>
      expect(dueAt('2026-11-23T10:00:00.000Z', calendar)).toBe('2026-11-25T10:00:00.000Z'));

    it('counts the weekend like any other day', () =>
      expect(dueAt('2026-11-27T15:00:00.000Z', calendar)).toBe('2026-11-29T15:00:00.000Z'));

    it('counts elapsed hours across a clock change', () =>
      // Saturday 28 March 2026 12:00 CET; clocks go forward that night, so 48 h later reads 13:00 CEST.
      expect(dueAt('2026-03-28T11:00:00.000Z', calendar)).toBe('2026-03-30T11:00:00.000Z'));

    it('uses the policy’s number of hours', () =>
      expect(dueAt('2026-11-23T10:00:00.000Z', { ...calendar, hours: 24 })).toBe('2026-11-24T10:00:00.000Z'));
  });

  describe('counting business hours (Monday to Friday in the SLA time zone)', () => {
    it('falls due on Tuesday 16:00 when started on Friday 16:00', () =>
      // Friday 27 November 2026 16:00 in Belgrade (UTC+1) → Tuesday 1 December 16:00.
      expect(dueAt('2026-11-27T16:00:00+01:00', business)).toBe('2026-12-01T15:00:00.000Z'));

    it('falls due 48 hours later when the weekend is not in the way', () =>
      expect(dueAt('2026-11-23T09:00:00.000Z', business)).toBe('2026-11-25T09:00:00.000Z'));

    it('counts a start on Saturday from Monday 00:00 local time', () =>
      // Saturday 28 November 14:00 local → Monday 30 November 00:00 local + 48 h = Wednesday 00:00 local.
      expect(dueAt('2026-11-28T13:00:00.000Z', business)).toBe('2026-12-01T23:00:00.000Z'));

    it('counts a start on Sunday from Monday 00:00 local time', () =>
      expect(dueAt('2026-11-29T22:59:59.000Z', business)).toBe('2026-12-01T23:00:00.000Z'));

    it('decides what is a weekend in the SLA time zone, not in UTC', () =>
      // Monday 00:30 in Belgrade is still Sunday 23:30 in UTC: the clock already runs.
      expect(dueAt('2026-11-29T23:30:00.000Z', business)).toBe('2026-12-01T23:30:00.000Z'));

    it('skips every weekend of a long obligation', () =>
      // Friday 16:00 local + 130 h: 8 h that Friday, 120 h the whole next week, 2 h after the second weekend.
      expect(dueAt('2026-11-27T15:00:00.000Z', { ...business, hours: 130 })).toBe('2026-12-07T01:00:00.000Z'));

    it('falls due at the very end of Friday when the hours run out exactly then', () =>
      // Friday 16:00 local + 8 h = Saturday 00:00 local, the same business instant as Monday 00:00.
      expect(dueAt('2026-11-27T15:00:00.000Z', { ...business, hours: 8 })).toBe('2026-11-27T23:00:00.000Z'));

    it('keeps local wall-clock time across the spring clock change, which falls on a weekend', () =>
      // Friday 27 March 2026 16:00 CET (UTC+1) → Tuesday 31 March 16:00 CEST (UTC+2).
      expect(dueAt('2026-03-27T15:00:00.000Z', business)).toBe('2026-03-31T14:00:00.000Z'));

    it('keeps local wall-clock time across the autumn clock change', () =>
      // Friday 23 October 2026 16:00 CEST (UTC+2) → Tuesday 27 October 16:00 CET (UTC+1).
      expect(dueAt('2026-10-23T14:00:00.000Z', business)).toBe('2026-10-27T15:00:00.000Z'));

    it('counts the real hours of a weekday on which the clocks change', () =>
      // Cairo springs forward at Friday 24 April 2026 00:00, so that Friday has 23 hours. Thursday
      // 12:00 EET + 24 business hours: 12 h on Thursday, then 12 real hours into Friday = 13:00 EEST.
      expect(dueAt('2026-04-23T10:00:00.000Z', { ...business, hours: 24, timeZone: 'Africa/Cairo' })).toBe(
        '2026-04-24T10:00:00.000Z',
      ));
  });
});

describe('checking an SLA policy at startup', () => {
  it('accepts the defaults of SPEC §5', () => expect(slaPolicyProblems(DEFAULT_SLA_POLICY)).toEqual([]));

  it('names every problem of a bad policy', () =>
    expect(
      slaPolicyProblems({ hours: 0, calendar: 'lunar' as SlaPolicy['calendar'], timeZone: 'Mars/Olympus' }),
    ).toHaveLength(3));
});
