import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import {
  ALICE,
  BOB,
  advance,
  at,
  fri,
  heldTechnicalInterview,
  hold,
  mon,
  schedule,
  submitScorecard,
  thu,
  tue,
  wed,
} from '../testing/scenarios';
import { atRiskAt, breachesAt } from './sla-lists';
import { slaSummary } from './sla-summary';

/** Each rule of SPEC §3, observed where users see it: the breach and at-risk lists and the summary. */
describe('SLA rules through the read model', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());

  const newJob = () => f.writer.openJob(mon('08:00'));
  const breaches = async (jobId: string, asOf: string) =>
    (await breachesAt(f.sql, at(asOf), { jobId })).items.map(
      (i) => `${i.stage}:${i.kind}${i.interviewerId ? `:${i.interviewerId}` : ''}`,
    );

  it('owes a decision from the moment an application arrives, due 48 hours later', async () => {
    const jobId = await newJob();
    await f.writer.submit(jobId, mon('09:00'));
    await f.catchUp();
    expect(await breaches(jobId, wed('09:00'))).toEqual([]);
    expect(await breaches(jobId, wed('09:01'))).toEqual(['applied:decision']);
  });

  it('cancels the decision when the candidate withdraws: nothing is owed, before or after', async () => {
    const jobId = await newJob();
    const { id } = await f.writer.submit(jobId, mon('09:00'));
    await f.writer.application(id, { type: 'WithdrawApplication', data: { reason: null }, now: tue('09:00') });
    await f.catchUp();
    expect(await breaches(jobId, thu('09:00'))).toEqual([]);
    expect((await atRiskAt(f.sql, at(tue('10:00')), 48, { jobId })).items).toEqual([]);
    const summary = await slaSummary(f.sql, {
      from: at(mon('00:00')),
      to: at(fri('00:00')),
      groupBy: 'stage',
      jobId,
      now: at(fri('00:00')),
    });
    expect(summary.groups).toEqual([
      { key: 'applied', due: 0, metOnTime: 0, metLate: 0, breachedOpen: 0, complianceRate: null },
    ]);
  });

  it('keeps scorecards owed after a withdrawal, while the decision is cancelled', async () => {
    const jobId = await newJob();
    const { id } = await heldTechnicalInterview(f.writer, jobId);
    await f.writer.application(id, { type: 'WithdrawApplication', data: { reason: null }, now: tue('09:00') });
    await f.catchUp();
    expect(await breaches(jobId, thu('09:00'))).toEqual([`technical:scorecard:${ALICE}`, `technical:scorecard:${BOB}`]);
  });

  it('treats booking the next interview of the stage as the decision, and starts a new one when it is held', async () => {
    const jobId = await newJob();
    const { id } = await heldTechnicalInterview(f.writer, jobId);
    const coding = await schedule(f.writer, id, 'live_coding', [ALICE], wed('10:00'), tue('10:00'));
    await f.catchUp();
    // Booked Tuesday 10:00: the decision due Wednesday 10:00 was met on time; nothing owed meanwhile.
    expect((await atRiskAt(f.sql, at(tue('11:00')), 48, { jobId, kind: 'decision' })).items).toEqual([]);
    await hold(f.writer, id, coding, wed('10:00'), wed('11:00'));
    await f.catchUp();
    const { items } = await atRiskAt(f.sql, at(wed('12:00')), 48, { jobId, kind: 'decision' });
    expect(items.map((i) => [i.startedAt, i.dueAt])).toEqual([[wed('10:00'), fri('10:00')]]);
    const summary = await slaSummary(f.sql, {
      from: at(wed('00:00')),
      to: at(thu('00:00')),
      groupBy: 'stage',
      jobId,
      now: at(fri('00:00')),
    });
    expect(summary.groups.find((g) => g.key === 'technical')).toMatchObject({ metOnTime: 1, breachedOpen: 2 });
  });

  it('never owed scorecards for an interview cancelled or missed before it was held', async () => {
    const jobId = await newJob();
    const { id } = await f.writer.submit(jobId, mon('09:00'));
    await advance(f.writer, id, 'applied', 'recruiter_screen', mon('09:30'));
    const missed = await schedule(f.writer, id, 'recruiter_call', [ALICE], mon('10:00'), mon('09:40'));
    await f.writer.application(id, { type: 'MarkInterviewNoShow', data: { interviewId: missed }, now: mon('10:30') });
    const cancelled = await schedule(f.writer, id, 'recruiter_call', [BOB], tue('10:00'), mon('10:40'));
    await f.writer.application(id, {
      type: 'CancelInterview',
      data: { interviewId: cancelled, reason: null },
      now: mon('11:00'),
    });
    await f.catchUp();
    expect((await breachesAt(f.sql, at(fri('12:00')), { jobId, kind: 'scorecard' })).items).toEqual([]);
  });

  it('includes both ends of the at-risk window and nothing not yet started', async () => {
    const jobId = await newJob();
    await f.writer.submit(jobId, mon('09:00'));
    await f.catchUp();
    const risky = async (asOf: string, hours: number) =>
      (await atRiskAt(f.sql, at(asOf), hours, { jobId })).items.length;
    expect(await risky(tue('09:00'), 24)).toBe(1); // due exactly at the far end
    expect(await risky(tue('09:00'), 23.99)).toBe(0);
    expect(await risky(wed('09:00'), 0)).toBe(1); // due exactly now is at risk, not breached
    expect(await risky(wed('09:01'), 24)).toBe(0); // breached, no longer at risk
    expect(await risky(mon('08:59'), 72)).toBe(0); // not started yet
    expect((await atRiskAt(f.sql, at(tue('09:00')), 24, { jobId })).items[0]).toMatchObject({
      dueInHours: 24,
      kind: 'decision',
    });
  });

  it('filters by job, stage, kind and interviewer', async () => {
    const jobId = await newJob();
    await heldTechnicalInterview(f.writer, jobId);
    await f.catchUp();
    const count = async (filter: Parameters<typeof breachesAt>[2]) =>
      (await breachesAt(f.sql, at(thu('12:00')), { jobId, ...filter })).items.length;
    expect(await count({})).toBe(3);
    expect(await count({ kind: 'decision' })).toBe(1);
    expect(await count({ kind: 'scorecard', interviewerId: BOB })).toBe(1);
    expect(await count({ stage: 'applied' })).toBe(0);
    expect(await count({ interviewerId: 'nobody' })).toBe(0);
  });

  it('shows no candidate name once the candidate’s data is erased', async () => {
    const jobId = await newJob();
    const { id } = await f.writer.submit(jobId, mon('09:00'), 'Erased Person');
    await f.catchUp();
    expect((await breachesAt(f.sql, at(thu('09:00')), { jobId })).items[0].candidateName).toBe('Erased Person');
    await f.sql.query(`update candidates set name = null, email = null, erased_at = now() where application_id = $1`, [
      id,
    ]);
    expect((await breachesAt(f.sql, at(thu('09:00')), { jobId })).items[0].candidateName).toBeNull();
  });

  it('counts a scorecard that arrives after its due time as met late', async () => {
    const jobId = await newJob();
    const { id, interviewId } = await heldTechnicalInterview(f.writer, jobId);
    await submitScorecard(f.writer, id, interviewId, ALICE, wed('10:00'));
    await submitScorecard(f.writer, id, interviewId, BOB, wed('10:01'));
    await f.catchUp();
    const summary = await slaSummary(f.sql, {
      from: at(wed('00:00')),
      to: at(thu('00:00')),
      groupBy: 'interviewer',
      jobId,
      now: at(fri('00:00')),
    });
    expect(summary.groups.filter((g) => g.key !== null)).toEqual([
      { key: ALICE, due: 1, metOnTime: 1, metLate: 0, breachedOpen: 0, complianceRate: 1 },
      { key: BOB, due: 1, metOnTime: 0, metLate: 1, breachedOpen: 0, complianceRate: 0 },
    ]);
  });
});

describe('SLA rules in business hours', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture({ hours: 48, calendar: 'business', timeZone: 'Europe/Belgrade' });
  });
  afterAll(() => f.close());

  it('makes 48 hours from Friday 16:00 fall due on Tuesday 16:00 (Belgrade time)', async () => {
    const jobId = await f.writer.openJob(mon('08:00'));
    // Friday 27 November 2026, 16:00 in Belgrade (UTC+1).
    await f.writer.submit(jobId, '2026-11-27T15:00:00.000Z');
    await f.catchUp();
    const breached = async (asOf: string) => (await breachesAt(f.sql, at(asOf), { jobId })).items;
    expect(await breached('2026-12-01T15:00:00.000Z')).toEqual([]);
    expect(await breached('2026-12-01T15:00:01.000Z')).toEqual([
      expect.objectContaining({ dueAt: '2026-12-01T15:00:00.000Z' }),
    ]);
  });
});
