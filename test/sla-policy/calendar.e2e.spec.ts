import { BELGRADE_WORKING_HOURS } from '@app/hiring';
import { startTestApp, type TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';
import { dashboard, policyApi } from './support';

const BELGRADE_2027 = {
  effectiveFrom: '2027-01-01T00:00:00+01:00',
  targets: { decision: { hours: 8 }, scorecard: { hours: 4 } },
  calendar: {
    type: 'business',
    timeZone: 'Europe/Belgrade',
    workingHours: BELGRADE_WORKING_HOURS,
    holidays: ['2027-01-01', '2027-01-02', '2027-01-07'],
  },
};

/**
 * SPEC §7: a business calendar counts only working hours, in its time zone, on days that are not
 * holidays. Belgrade is an hour ahead of UTC in January.
 */
describe('a business calendar with working hours and a holiday', () => {
  let t: TestApp;
  let id: string;
  let written: number;

  beforeAll(async () => {
    t = await startTestApp();
    const p = pipeline(t);
    t.clock.set('2027-01-04T07:00:00Z');
    await policyApi(t).put(BELGRADE_2027);
    const jobId = await p.openJob();
    id = await p.submit(jobId);
    t.clock.set('2027-01-05T10:00:00Z');
    await p.move(id, 'recruiter_screen');
    const interviewId = await p.schedule(id, 'recruiter_call', ['ivana'], '2027-01-06T14:00:00Z');
    // Held Wednesday 15:00 in Belgrade: two working hours left that day, Thursday 7 January is Orthodox Christmas.
    t.clock.set('2027-01-06T14:05:00Z');
    written = (await p.held(id, interviewId, '2027-01-06T14:00:00Z')).position;
  });
  afterAll(() => t.close());

  it('starts counting an obligation that begins before working hours at the next working moment', async () => {
    // Submitted Monday 08:00 in Belgrade: eight hours from 09:00 fall due at 17:00.
    expect((await pipeline(t).get(id)).obligations[0]).toMatchObject({
      kind: 'decision',
      stage: 'applied',
      startedAt: '2027-01-04T07:00:00.000Z',
      dueAt: '2027-01-04T16:00:00.000Z',
    });
  });

  it('skips the holiday and the lunch hour when counting from Wednesday afternoon', async () => {
    const obligations = (await pipeline(t).get(id)).obligations;
    // Scorecard, 4 h: Wednesday 15:00–17:00, then Friday 09:00–11:00.
    expect(obligations).toContainEqual(
      expect.objectContaining({ kind: 'scorecard', interviewerId: 'ivana', dueAt: '2027-01-08T10:00:00.000Z' }),
    );
    // Decision, 8 h: Wednesday 15:00–17:00, Friday 09:00–13:00 and 14:00–16:00.
    expect(obligations).toContainEqual(
      expect.objectContaining({ kind: 'decision', stage: 'recruiter_screen', dueAt: '2027-01-08T15:00:00.000Z' }),
    );
  });

  it('puts them at risk and in breach on the dashboards at those times', async () => {
    const atRisk = await dashboard(t, '/sla/at-risk', {
      asOf: '2027-01-08T08:00:00Z',
      withinHours: 3,
      minPosition: written,
    });
    expect(atRisk.items.map((i: { kind: string; dueInHours: number }) => [i.kind, i.dueInHours])).toEqual([
      ['scorecard', 2],
    ]);
    const breaches = await dashboard(t, '/sla/breaches', { asOf: '2027-01-08T15:30:00Z', minPosition: written });
    expect(breaches.items.map((i: { kind: string; overdueHours: number }) => [i.kind, i.overdueHours])).toEqual([
      ['scorecard', 5.5],
      ['decision', 0.5],
    ]);
  });

  it('counts over Orthodox Easter and Labour Day with the README’s Belgrade 2027 policy', async () => {
    const p = pipeline(t);
    t.clock.set('2027-04-20T08:00:00Z');
    await policyApi(t).put(README_EXAMPLE);
    const application = await p.submit(await p.openJob());
    await p.move(application, 'recruiter_screen');
    const interviewId = await p.schedule(application, 'recruiter_call', ['ivana'], '2027-04-29T13:00:00Z');
    t.clock.set('2027-04-29T13:05:00Z');
    await p.held(application, interviewId, '2027-04-29T13:00:00Z');
    // Two hours on Thursday; Good Friday to the Tuesday after Easter off; Wednesday, Thursday, then Friday until 16:00.
    expect((await p.get(application)).obligations).toContainEqual(
      expect.objectContaining({ kind: 'scorecard', dueAt: '2027-05-07T14:00:00.000Z', targetHours: 24 }),
    );
  });
});

/** The example policy of the README, verbatim. */
const README_EXAMPLE = {
  effectiveFrom: '2027-01-01T00:00:00+01:00',
  targets: {
    decision: { hours: 48, byStage: { references: 72 } },
    scorecard: { hours: 24 },
    scheduling: { hours: 16 },
  },
  calendar: {
    type: 'business',
    timeZone: 'Europe/Belgrade',
    workingHours: BELGRADE_2027.calendar.workingHours,
    holidays: [
      '2027-01-01',
      '2027-01-02',
      '2027-01-07',
      '2027-02-15',
      '2027-02-16',
      '2027-04-30',
      '2027-05-01',
      '2027-05-02',
      '2027-05-03',
      '2027-05-04',
      '2027-11-11',
    ],
  },
  reminders: [0.5, 0.75],
};
