import {
  ALICE,
  BOB,
  heldTechnicalInterview,
  mon,
  submitScorecard,
  thu,
  tue,
  wed,
} from '@app/projections/testing/scenarios';
import { startTestApp, TestClock, type TestApp } from '@test/support/app';

/** The dashboard routes over HTTP: roles, validation, the projection position, and the SLA rules. */
describe('dashboards over HTTP', () => {
  let t: TestApp;
  let jobId: string;
  let applicationId: string;
  let lastPosition: number;

  beforeAll(async () => {
    t = await startTestApp({}, new TestClock(new Date('2026-11-25T13:00:00Z')));
    jobId = await t.writer.openJob(mon('08:00'));
    const held = await heldTechnicalInterview(t.writer, jobId, 'Grace Hopper');
    applicationId = held.id;
    lastPosition = (await submitScorecard(t.writer, held.id, held.interviewId, ALICE, tue('09:00'))).lastPosition;
  });
  afterAll(() => t.close());

  const get = (path: string, role: Parameters<TestApp['as']>[0] = 'viewer', sub?: string) =>
    t.http().get(path).set('Authorization', t.as(role, sub));

  describe('read-your-writes with ?minPosition', () => {
    it('waits until the projections reflect a write, and says how far they are', async () => {
      const response = await get(`/sla/breaches?asOf=${wed('11:00')}&minPosition=${lastPosition}`).expect(200);
      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(lastPosition);
      expect(
        response.body.items.map((i: { kind: string; interviewerId?: string }) => i.interviewerId ?? i.kind),
      ).toEqual(['decision', BOB]);
    });

    it('answers 503 problem+json after 5 seconds when the position is not reached', async () => {
      const started = Date.now();
      const response = await get(`/pipeline?minPosition=${lastPosition + 1000}`).expect(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 503, type: '/problems/projection-behind' });
      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(lastPosition);
    }, 15_000);
  });

  describe('the SLA dashboards', () => {
    it('lists the worked example’s breaches at Wednesday 11:00 with names and hours overdue', async () => {
      const { body } = await get(
        `/sla/breaches?asOf=2026-11-25T12:00:00%2B01:00&jobId=${jobId}&minPosition=${lastPosition}`,
      ).expect(200);
      expect(body).toEqual({
        asOf: wed('11:00'),
        total: 2,
        nextCursor: null,
        items: [
          {
            applicationId,
            jobId,
            candidateName: 'Grace Hopper',
            stage: 'technical',
            kind: 'decision',
            startedAt: mon('10:00'),
            dueAt: wed('10:00'),
            overdueHours: 1,
            // The job names no team; whether the reminder timer has escalated it yet depends on when
            // it last looked (the clock stands past the due time).
            owners: [],
            escalated: expect.any(Boolean),
          },
          expect.objectContaining({
            kind: 'scorecard',
            interviewerId: BOB,
            overdueHours: 1,
            owners: [BOB],
          }),
        ],
      });
    });

    it('lists what is at risk, 24 hours ahead unless told otherwise, soonest first', async () => {
      const { body } = await get(`/sla/at-risk?asOf=${tue('10:00')}&kind=scorecard`).expect(200);
      expect(body).toMatchObject({ withinHours: 24, items: [{ interviewerId: BOB, dueInHours: 24 }] });
      const narrower = await get(`/sla/at-risk?asOf=${tue('10:00')}&withinHours=23.5`).expect(200);
      expect(narrower.body.items).toEqual([]);
    });

    it('summarises compliance judged at the time of the request', async () => {
      t.clock.set(wed('13:00'));
      const { body } = await get(`/sla/summary?from=${mon('00:00')}&to=${thu('00:00')}&groupBy=stage`).expect(200);
      expect(body.groups).toEqual([
        { key: 'applied', due: 1, metOnTime: 1, metLate: 0, breachedOpen: 0, complianceRate: 1 },
        { key: 'technical', due: 3, metOnTime: 1, metLate: 0, breachedOpen: 2, complianceRate: 1 / 3 },
      ]);
    });

    it('shows the board with every stage in order and the totals', async () => {
      const { body } = await get(`/pipeline?jobId=${jobId}&asOf=${tue('12:00')}`).expect(200);
      expect(body.stages.map((s: { stage: string }) => s.stage)).toEqual([
        'applied',
        'recruiter_screen',
        'manager_interviews',
        'technical',
        'cto',
        'references',
        'offer',
      ]);
      expect(body.stages[3]).toEqual({
        stage: 'technical',
        count: 1,
        applications: [{ id: applicationId, candidateName: 'Grace Hopper', enteredAt: mon('09:30') }],
      });
      expect(body.totals).toEqual({ active: 1, hired: 0, rejected: 0, withdrawn: 0 });
      const before = await get(`/pipeline?jobId=${jobId}&asOf=${mon('08:59')}`).expect(200);
      expect(before.body.totals).toEqual({ active: 0, hired: 0, rejected: 0, withdrawn: 0 });
    });
  });

  describe('lists', () => {
    it('lists jobs to every role', async () => {
      const { body, headers } = await get('/jobs', 'interviewer').expect(200);
      expect(body).toEqual([
        {
          id: jobId,
          title: 'Backend engineer',
          department: 'Engineering',
          status: 'open',
          recruiterIds: [],
          hiringManagerIds: [],
        },
      ]);
      expect(headers['x-projection-position']).toBeDefined();
    });

    it('pages applications with an opaque cursor', async () => {
      let position = lastPosition;
      for (const name of ['B', 'C']) position = (await t.writer.submit(jobId, tue('08:00'), name)).result.lastPosition;
      const first = await get(`/applications?jobId=${jobId}&limit=2&minPosition=${position}`, 'recruiter').expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await get(
        `/applications?jobId=${jobId}&limit=2&cursor=${first.body.nextCursor}`,
        'recruiter',
      ).expect(200);
      expect(second.body).toMatchObject({
        items: [{ id: applicationId, candidateName: 'Grace Hopper', stage: 'technical', status: 'active' }],
        nextCursor: null,
      });
    });

    it('shows an interviewer only the applications they interview', async () => {
      const alice = await get('/applications', 'interviewer', ALICE).expect(200);
      expect(alice.body.items.map((i: { id: string }) => i.id)).toEqual([applicationId]);
      const stranger = await get('/applications', 'interviewer', 'someone-else').expect(200);
      expect(stranger.body.items).toEqual([]);
    });
  });

  describe('who may read what', () => {
    it.each(['/pipeline', '/sla/breaches', '/sla/at-risk', '/sla/summary'])(
      'refuses interviewers %s (403)',
      async (path) => {
        await get(path, 'interviewer').expect(403);
      },
    );

    it('refuses viewers the application list and everyone without a token', async () => {
      await get('/applications', 'viewer').expect(403);
      await t.http().get('/pipeline').expect(401);
    });

    it('lets only admins rebuild', async () => {
      await t.http().post('/admin/projections/rebuild').set('Authorization', t.as('recruiter')).expect(403);
    });
  });

  describe('bad parameters (400 problem+json)', () => {
    it.each([
      '/pipeline?unknown=1',
      '/pipeline?asOf=2026-11-24T10:00:00',
      '/pipeline?asOf=2026-02-30T10:00:00Z',
      '/pipeline?jobId=not-a-uuid',
      '/sla/breaches?stage=phone_screen',
      '/sla/breaches?kind=coffee',
      '/sla/at-risk?withinHours=-1',
      '/sla/at-risk?withinHours=soon',
      `/sla/summary?from=${wed('00:00')}&to=${mon('00:00')}`,
      '/sla/summary?groupBy=week',
      '/pipeline?minPosition=-1',
      '/pipeline?minPosition=abc',
    ])('%s', async (path) => {
      const response = await get(path).expect(400);
      expect(response.body).toMatchObject({ status: 400, errors: expect.any(Array) });
      expect(response.headers['x-projection-position']).toMatch(/^\d+$/);
    });

    it.each([
      '/applications?limit=201',
      '/applications?limit=0',
      '/applications?cursor=bm9wZQ',
      '/applications?status=sleeping',
    ])('%s', async (path) => {
      const response = await get(path, 'recruiter').expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('rebuilding', () => {
    it('answers 202, keeps serving, and ends with the same answers', async () => {
      const before = (await get(`/sla/breaches?asOf=${wed('11:00')}`)).body;
      const admin = t.as('admin');
      const started = await t.http().post('/admin/projections/rebuild').set('Authorization', admin).expect(202);
      expect(started.body).toMatchObject({ projection: 'hiring', status: 'running' });
      await get('/pipeline').expect(200);
      let status = 'running';
      for (let attempt = 0; attempt < 100 && status === 'running'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await t.http().get('/admin/projections').set('Authorization', admin).expect(200)).body.rebuild.status;
      }
      expect(status).toBe('done');
      expect((await get(`/sla/breaches?asOf=${wed('11:00')}`)).body).toEqual(before);
    });
  });
});
