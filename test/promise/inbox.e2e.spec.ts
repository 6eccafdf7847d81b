import { type TestApp, startTestApp } from '../support/app';
import { promises } from './support';

/*
 * SPEC §6's GET /me/obligations through the API. The test clock stands on Monday 23 November 2026,
 * 09:00 UTC; obligations are due 48 calendar hours after they start.
 */
describe('the inbox: GET /me/obligations', () => {
  let t: TestApp;
  let jobId: string;
  beforeAll(async () => {
    t = await startTestApp();
    jobId = await promises(t).openJobWithTeam(['rec-ana'], ['hm-max']);
  });
  afterAll(() => t.close());

  const inbox = (auth: string, query: Record<string, string | number> = {}) =>
    t.http().get('/me/obligations').query(query).set('Authorization', auth);

  it('shows someone their own scorecard though they may not read the application', async () => {
    const s = promises(t);
    // A viewer asked to sit in on a call: interviewing is not a role, and viewers read no application.
    const viewer = t.as('viewer', 'vic');
    const { applicationId, interviewId, position } = await s.heldCall(jobId, ['vic'], '2026-11-23T08:00:00Z', 'Grace');
    await t.http().get(`/applications/${applicationId}`).set('Authorization', viewer).expect(403);

    const response = await inbox(viewer, { minPosition: position }).expect(200);
    expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(position);
    expect(response.body).toEqual({
      asOf: '2026-11-23T09:00:00.000Z',
      status: 'open',
      total: 1,
      items: [
        {
          applicationId,
          obligationId: `scorecard:${interviewId}:vic`,
          jobId,
          candidateName: 'Grace',
          stage: 'recruiter_screen',
          kind: 'scorecard',
          interviewId,
          interviewerId: 'vic',
          startedAt: '2026-11-23T08:00:00.000Z',
          dueAt: '2026-11-25T08:00:00.000Z',
          dueInHours: 47,
          satisfiedAt: null,
          cancelledAt: null,
          owners: ['vic'],
          escalated: false,
          escalatedAt: null,
          reminders: [],
        },
      ],
    });
  });

  it('lists what was met only when all are asked for, after everything still open', async () => {
    const s = promises(t);
    const interviewer = t.as('interviewer', 'int-ida');
    const early = await s.heldCall(jobId, ['int-ida'], '2026-11-23T06:00:00Z');
    const late = await s.heldCall(jobId, ['int-ida'], '2026-11-23T07:00:00Z');
    const met = await s.scorecard(late.applicationId, late.interviewId, 'int-ida');

    const open = await inbox(interviewer, { minPosition: met.position }).expect(200);
    expect(open.body.items.map((item: { applicationId: string }) => item.applicationId)).toEqual([early.applicationId]);
    const all = await inbox(interviewer, { status: 'all' }).expect(200);
    expect(
      all.body.items.map((item: { applicationId: string; satisfiedAt: string | null }) => [
        item.applicationId,
        item.satisfiedAt,
      ]),
    ).toEqual([
      [early.applicationId, null],
      [late.applicationId, '2026-11-23T09:00:00.000Z'],
    ]);
  });

  it('puts the most urgent first, a breach as negative hours, as of any instant', async () => {
    const s = promises(t);
    const recruiter = t.as('recruiter', 'rec-ana');
    const older = await s.heldCall(jobId, ['int-x'], '2026-11-23T05:00:00Z');
    const newer = await s.heldCall(jobId, ['int-y'], '2026-11-23T08:30:00Z');
    const { body } = await inbox(recruiter, { asOf: '2026-11-25T04:00:00Z', minPosition: newer.position }).expect(200);
    const decisions = body.items.filter((item: { applicationId: string }) =>
      [older.applicationId, newer.applicationId].includes(item.applicationId),
    );
    expect(
      decisions.map((item: { applicationId: string; kind: string; dueInHours: number }) => [
        item.applicationId,
        item.kind,
        item.dueInHours,
      ]),
    ).toEqual([
      [older.applicationId, 'decision', 1],
      [newer.applicationId, 'decision', 4.5],
    ]);
    const urgency = body.items.map((item: { dueInHours: number }) => item.dueInHours);
    expect(urgency).toEqual([...urgency].sort((a, b) => a - b));
    const later = await inbox(recruiter, { asOf: '2026-11-25T07:00:00Z' }).expect(200);
    expect(
      later.body.items.find((item: { applicationId: string }) => item.applicationId === older.applicationId).dueInHours,
    ).toBe(-2);
  });

  it('gives the hiring manager nothing of a job that has a recruiter, until something is escalated', async () => {
    const { body } = await inbox(t.as('hiring_manager', 'hm-max')).expect(200);
    expect(body.items).toEqual([]);
  });

  it('refuses an unknown status and an impossible instant', async () => {
    const auth = t.as('recruiter', 'rec-ana');
    expect((await inbox(auth, { status: 'closed' }).expect(400)).body.errors[0].field).toBe('status');
    await inbox(auth, { asOf: '2026-02-30T00:00:00Z' }).expect(400);
    await inbox(auth, { limit: 0 }).expect(400);
  });
});
