import { type TestApp, startTestApp } from '../support/app';
import { policyApi } from '../sla-policy/support';
import { promises, until } from './support';

/*
 * SPEC §6: fractions are of the obligation's own clock, so with a business calendar a reminder never
 * falls on a weekend. Friday 27 November 2026, UTC. Version 2 counts every hour and gives scorecards
 * 50 hours; version 3, from Friday 10:30, counts Monday to Friday only and gives them 48.
 *
 * - Held Friday 10:00 under version 2: half of 50 hours is Saturday 11:00.
 * - Held Friday 10:30 under version 3: half of 48 counted hours is 13.5 on Friday and 10.5 on
 *   Monday, so Monday 10:30 — where a calendar clock would have put it on Saturday 10:30.
 */
describe('reminders on a business calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('puts a reminder that would fall on a Saturday on the Monday', async () => {
    t.clock.set('2026-11-27T10:00:00Z');
    const policy = policyApi(t);
    await policy.put({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { scorecard: { hours: 50 } } });
    const business = await policy.put({
      effectiveFrom: '2026-11-27T10:30:00Z',
      calendar: { type: 'business', timeZone: 'UTC' },
    });
    const s = promises(t);
    const jobId = await s.openJobWithTeam(['rec-ana'], []);
    const everyHour = await s.heldCall(jobId, ['int-1'], '2026-11-27T10:00:00Z');
    t.clock.set('2026-11-27T10:30:00Z');
    const weekdays = await s.heldCall(jobId, ['int-2'], '2026-11-27T10:30:00Z');
    expect(await s.obligation(weekdays.applicationId, 'scorecard')).toMatchObject({
      policyVersion: business.version,
      dueAt: '2026-12-01T10:30:00.000Z',
    });

    // Saturday noon: the calendar clock's reminder is recorded; being due later than a Saturday
    // 10:30 would have been, it is proof that the timer looked past that instant.
    t.clock.set('2026-11-28T12:00:00Z');
    await until('the calendar clock’s reminder', async () => {
      const reminders = (await s.obligation(everyHour.applicationId, 'scorecard')).reminders;
      return reminders.length > 0;
    });
    expect((await s.obligation(weekdays.applicationId, 'scorecard')).reminders).toEqual([]);

    t.clock.set('2026-11-30T10:30:00Z');
    const reminded = await until('Monday’s reminder', async () => {
      const scorecard = await s.obligation(weekdays.applicationId, 'scorecard');
      return scorecard.reminders.length > 0 && scorecard;
    });
    expect(reminded.reminders).toEqual([{ fraction: 0.5, at: '2026-11-30T10:30:00.000Z', recipients: ['int-2'] }]);
  });
});
