import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { ALICE, BOB, at, heldTechnicalInterview, mon, submitScorecard, tue, wed } from '../testing/scenarios';
import { type InboxParams, INBOX_SQL, inboxOf } from './my-obligations';

/**
 * SPEC §6's inbox through the read model. A job whose recruiter is Ana and whose hiring manager is
 * Max; a technical interview with Alice and Bob held Monday 10:00, so the decision and both
 * scorecards fall due Wednesday 10:00.
 */
describe('the obligations of one person', () => {
  let f: ReadModelFixture;
  let jobId: string;
  let first: string;
  let interviewId: string;
  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = randomUUID();
    await f.writer.job(jobId, {
      type: 'OpenJob',
      data: { jobId, title: 'Engineer', recruiterIds: ['rec-ana'], hiringManagerIds: ['hm-max'] },
      now: mon('08:00'),
    });
    ({ id: first, interviewId } = await heldTechnicalInterview(f.writer, jobId, 'Grace Hopper'));
    await f.catchUp();
  });
  afterAll(() => f.close());

  const inbox = (userId: string, asOf: string, more: Partial<InboxParams> = {}) =>
    inboxOf(f.sql, { userId, asOf: at(asOf), status: 'open', limit: 100, ...more });
  const kinds = async (userId: string, asOf: string, more: Partial<InboxParams> = {}) =>
    (await inbox(userId, asOf, more)).items.map((item) => `${item.kind} ${item.dueInHours}`);

  it('gives an interviewer their own scorecard, with its owners and candidate', async () => {
    const answer = await inbox(ALICE, tue('12:00'));
    expect(answer).toMatchObject({ asOf: tue('12:00'), status: 'open', total: 1 });
    expect(answer.items).toEqual([
      {
        applicationId: first,
        obligationId: `scorecard:${interviewId}:${ALICE}`,
        jobId,
        candidateName: 'Grace Hopper',
        stage: 'technical',
        kind: 'scorecard',
        interviewId,
        interviewerId: ALICE,
        startedAt: mon('10:00'),
        dueAt: wed('10:00'),
        dueInHours: 22,
        satisfiedAt: null,
        cancelledAt: null,
        owners: [ALICE],
        escalated: false,
        escalatedAt: null,
        reminders: [],
      },
    ]);
  });

  it('gives the recruiter the decision, and the hiring manager nothing while there is a recruiter', async () => {
    expect(await kinds('rec-ana', tue('12:00'))).toEqual(['decision 22']);
    expect(await kinds('hm-max', tue('12:00'))).toEqual([]);
  });

  it('lists what is breached first, as negative hours, then the soonest due', async () => {
    const { id: later } = await f.writer.submit(jobId, tue('09:00'));
    await f.catchUp();
    const items = (await inbox('rec-ana', wed('12:00'))).items;
    expect(items.map((item) => [item.applicationId, item.dueInHours])).toEqual([
      [first, -2],
      [later, 21],
    ]);
  });

  it('leaves out what was met by asOf, unless all are asked for', async () => {
    await submitScorecard(f.writer, first, interviewId, BOB, tue('15:00'));
    await f.catchUp();
    expect(await kinds(BOB, tue('16:00'))).toEqual([]);
    expect(await kinds(BOB, tue('14:00'))).toEqual(['scorecard 20']);
    const all = await inbox(BOB, tue('16:00'), { status: 'all' });
    expect(all.items).toEqual([expect.objectContaining({ kind: 'scorecard', satisfiedAt: tue('15:00') })]);
  });

  it('lists the open ones before those already met when all are asked for', async () => {
    const { id } = await f.writer.submit(jobId, mon('12:00'));
    await f.writer.application(id, {
      type: 'MoveApplication',
      data: { toStage: 'recruiter_screen' },
      now: mon('13:00'),
    });
    await f.catchUp();
    const items = (await inbox('rec-ana', tue('12:00'), { status: 'all' })).items;
    const settled = items.map((item) => item.satisfiedAt !== null);
    expect(settled.indexOf(true)).toBeGreaterThan(settled.lastIndexOf(false));
  });

  it('gives a breach to whoever it was escalated to, though they own nothing', async () => {
    const data = {
      applicationId: first,
      jobId,
      obligationId: `scorecard:${interviewId}:${ALICE}`,
      kind: 'scorecard',
      stage: 'technical',
      interviewerId: ALICE,
      dueAt: wed('10:00'),
      at: wed('10:00'),
      recipients: [ALICE, 'hm-max', 'rec-ana'],
    };
    await f.store.append(
      `sla-notices-${first}`,
      [{ type: 'ObligationEscalated', schemaVersion: EVENT_SCHEMA_VERSIONS.ObligationEscalated, data }],
      { expectedRevision: 'no_stream' },
    );
    await f.catchUp();
    expect((await inbox('hm-max', wed('11:00'))).items).toEqual([
      expect.objectContaining({ kind: 'scorecard', owners: [ALICE], escalated: true, escalatedAt: wed('10:00') }),
    ]);
    // Alice owns it and was told as well: once in her inbox, counted once.
    expect(await inbox(ALICE, wed('11:00'))).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ kind: 'scorecard', escalated: true })],
    });
  });

  it('caps the items at the limit and still counts them all', async () => {
    const answer = await inbox('rec-ana', wed('12:00'), { limit: 1 });
    expect(answer.items).toHaveLength(1);
    expect(answer.total).toBeGreaterThan(1);
  });

  it('finds each of the three kinds of ownership through an index, not by reading every obligation', async () => {
    const plan = await f.dataSource.transaction(async (manager) => {
      await manager.query('set local enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${INBOX_SQL}`, [
        ALICE,
        new Date(),
        false,
        100,
      ]);
      return JSON.stringify(rows[0]['QUERY PLAN']);
    });
    for (const index of [
      'obligations_scorecards_by_interviewer',
      'obligations_decisions_by_job',
      'obligations_escalated_to',
    ])
      expect(plan).toContain(index);
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name": "obligations"/);
  });
});
