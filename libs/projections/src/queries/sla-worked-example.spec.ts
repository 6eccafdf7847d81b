import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { ALICE, BOB, at, heldTechnicalInterview, mon, submitScorecard, thu, tue, wed } from '../testing/scenarios';
import { atRiskAt, breachesAt } from './sla-lists';
import { slaSummary } from './sla-summary';

/**
 * SPEC §3's worked example, verbatim, through the events, the projection and the SQL: interview
 * held Mon 10:00 with two interviewers; one scorecard Tue 09:00; the recruiter moves the candidate
 * Wed 12:00.
 */
describe('the worked example of SPEC §3, through the read model', () => {
  let f: ReadModelFixture;
  let jobId: string;
  let applicationId: string;
  const technical = { stage: 'technical' as const };

  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = await f.writer.openJob(mon('08:00'));
    const { id, interviewId } = await heldTechnicalInterview(f.writer, jobId, 'Grace Hopper');
    applicationId = id;
    await submitScorecard(f.writer, id, interviewId, ALICE, tue('09:00'));
    await f.catchUp();
  });
  afterAll(() => f.close());

  const breachesOf = async (asOf: string) =>
    (await breachesAt(f.sql, at(asOf), { jobId, ...technical })).items.map((item) => [
      item.kind,
      item.interviewerId ?? null,
      item.overdueHours,
    ]);

  it('lists the decision and the missing scorecard at Wednesday 11:00, each an hour overdue', async () => {
    const { items } = await breachesAt(f.sql, at(wed('11:00')), { jobId, ...technical });
    expect(items).toEqual([
      {
        applicationId,
        jobId,
        candidateName: 'Grace Hopper',
        stage: 'technical',
        kind: 'decision',
        startedAt: mon('10:00'),
        dueAt: wed('10:00'),
        overdueHours: 1,
        // The job names no team: the decision counts, and nobody is reminded of it.
        owners: [],
        escalated: false,
      },
      expect.objectContaining({
        kind: 'scorecard',
        interviewerId: BOB,
        startedAt: mon('10:00'),
        dueAt: wed('10:00'),
        overdueHours: 1,
        owners: [BOB],
        escalated: false,
      }),
    ]);
  });

  it('lists nothing at Wednesday 10:00 exactly: due is not overdue', async () => {
    expect(await breachesOf(wed('10:00'))).toEqual([]);
  });

  it('answers for a future instant as if nobody acted: both still breached on Thursday 12:00', async () => {
    expect(await breachesOf(thu('12:00'))).toEqual([
      ['decision', null, 26],
      ['scorecard', BOB, 26],
    ]);
  });

  it('showed the decision and Bob’s scorecard at risk on Tuesday 10:00 (due in exactly 24 hours), not Alice’s', async () => {
    const { items } = await atRiskAt(f.sql, at(tue('10:00')), 24, { jobId, ...technical });
    expect(items.map((i) => [i.kind, i.interviewerId ?? null, i.dueInHours])).toEqual([
      ['decision', null, 24],
      ['scorecard', BOB, 24],
    ]);
  });

  describe('once the recruiter moves the candidate on Wednesday 12:00', () => {
    beforeAll(async () => {
      await f.writer.application(applicationId, {
        type: 'MoveApplication',
        data: { toStage: 'cto' },
        now: wed('12:00'),
      });
      await f.catchUp();
    });

    it('lists only the missing scorecard at Wednesday 13:00', async () => {
      expect(await breachesOf(wed('13:00'))).toEqual([['scorecard', BOB, 3]]);
    });

    it('still shows both as breached when looking back at Wednesday 11:00', async () => {
      expect(await breachesOf(wed('11:00'))).toEqual([
        ['decision', null, 1],
        ['scorecard', BOB, 1],
      ]);
    });

    it('counts the decision met late, Alice met on time and Bob breached and open', async () => {
      const summary = await slaSummary(f.sql, {
        from: at(mon('00:00')),
        to: at(thu('00:00')),
        groupBy: 'stage',
        jobId,
        now: at(wed('13:00')),
      });
      expect(summary.groups).toEqual([
        // The decision in applied, satisfied by Monday's move at 09:30.
        { key: 'applied', due: 1, metOnTime: 1, metLate: 0, breachedOpen: 0, complianceRate: 1 },
        { key: 'technical', due: 3, metOnTime: 1, metLate: 1, breachedOpen: 1, complianceRate: 1 / 3 },
      ]);
    });

    it('groups the same obligations by interviewer, decisions under no interviewer, last', async () => {
      const summary = await slaSummary(f.sql, {
        from: at(mon('00:00')),
        to: at(thu('00:00')),
        groupBy: 'interviewer',
        jobId,
        now: at(wed('13:00')),
      });
      expect(summary.groups).toEqual([
        { key: ALICE, due: 1, metOnTime: 1, metLate: 0, breachedOpen: 0, complianceRate: 1 },
        { key: BOB, due: 1, metOnTime: 0, metLate: 0, breachedOpen: 1, complianceRate: 0 },
        { key: null, due: 2, metOnTime: 1, metLate: 1, breachedOpen: 0, complianceRate: 0.5 },
      ]);
    });

    it('groups by job', async () => {
      const summary = await slaSummary(f.sql, {
        from: at(mon('00:00')),
        to: at(thu('00:00')),
        groupBy: 'job',
        jobId,
        now: at(wed('13:00')),
      });
      expect(summary.groups).toEqual([
        { key: jobId, due: 4, metOnTime: 2, metLate: 1, breachedOpen: 1, complianceRate: 0.5 },
      ]);
    });

    it('judges the summary at the time asked: before the due time nothing of technical counted yet', async () => {
      const summary = await slaSummary(f.sql, {
        from: at(wed('00:00')),
        to: at(thu('00:00')),
        groupBy: 'stage',
        jobId,
        now: at(tue('12:00')),
      });
      // Alice's scorecard is met (on time) by Tuesday 12:00; the decision and Bob's are pending. The
      // decision owed in applied (due Wednesday 09:00) was met on Monday.
      expect(summary.groups).toEqual([
        { key: 'applied', due: 1, metOnTime: 1, metLate: 0, breachedOpen: 0, complianceRate: 1 },
        { key: 'technical', due: 1, metOnTime: 1, metLate: 0, breachedOpen: 0, complianceRate: 1 },
      ]);
    });
  });
});
