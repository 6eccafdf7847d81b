import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

describe('concurrent and repeated writes', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let jobId: string;
  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    jobId = await p.openJob();
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object) =>
    t.http().post(path).set('Authorization', t.as('recruiter', 'rec-1')).send(body);

  it('lets exactly one of many conditional moves on the same version succeed', async () => {
    const id = await p.submit(jobId);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        post(`/applications/${id}/move`, { toStage: 'recruiter_screen' }).set('If-Match', '"0"'),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 412 || s === 409)).toBe(true);
    expect((await p.events(id)).filter((e) => e.type === 'StageChanged')).toHaveLength(1);
  });

  it('answers 412 when the version in If-Match is stale', async () => {
    const id = await p.submit(jobId);
    await p.move(id, 'recruiter_screen');
    const response = await post(`/applications/${id}/move`, { toStage: 'manager_interviews' }).set('If-Match', '"0"');
    expect(response.status).toBe(412);
    expect(response.body.currentVersion).toBe(1);
    await post(`/applications/${id}/move`, { toStage: 'manager_interviews' }).set('If-Match', '"1"').expect(200);
  });

  it('loses no event when many unconditional writes hit one application at once', async () => {
    const id = await p.submit(jobId);
    await p.move(id, 'technical', 'strong referral');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        post(`/applications/${id}/interviews`, {
          kind: n % 2 ? 'live_coding' : 'system_design',
          interviewerIds: [`eng-${n}`],
          scheduledAt: '2026-11-24T10:00:00Z',
          durationMinutes: 60,
        }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    // Retries absorb most conflicts; any that remain must be honest 409s, and every 201 is in the stream.
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const scheduled = (await p.events(id)).filter((e) => e.type === 'InterviewScheduled');
    expect(scheduled).toHaveLength(created.length);
    expect(created.length).toBeGreaterThanOrEqual(5);
    expect(new Set(created.map((r) => r.body.version)).size).toBe(created.length);
  });

  it('creates exactly one of many concurrent applications for the same email and job', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        post('/applications', {
          jobId,
          candidate: { name: 'Twin', email: n % 2 ? 'TWIN@example.com' : 'twin@example.com' },
        }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const refused of responses.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.existingApplicationId).toBe(created[0].body.id);
    }
    // The personal data of the refused ones is gone again.
    const rows = await t.app
      .get(DataSource)
      .query(`select application_id from candidates where lower(email) = 'twin@example.com'`);
    expect(rows).toEqual([{ application_id: created[0].body.id }]);
  });

  describe('Idempotency-Key', () => {
    it('replays the first response to a repeat and appends nothing more', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'references', 'fast track');
      const body = { refereeName: 'Grace', relationship: 'manager', outcome: 'positive' };
      const first = await post(`/applications/${id}/references`, body).set('Idempotency-Key', 'ref-1');
      const again = await post(`/applications/${id}/references`, body).set('Idempotency-Key', 'ref-1');
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect((await p.events(id)).filter((e) => e.type === 'ReferenceRecorded')).toHaveLength(1);
    });

    it('refuses the same key with a different body with 422', async () => {
      const id = await p.submit(jobId);
      await post(`/applications/${id}/move`, { toStage: 'recruiter_screen' })
        .set('Idempotency-Key', 'mv-1')
        .expect(200);
      const response = await post(`/applications/${id}/move`, { toStage: 'cto', reason: 'x' }).set(
        'Idempotency-Key',
        'mv-1',
      );
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    });

    it('replays a refusal too', async () => {
      const id = await p.submit(jobId);
      const first = await post(`/applications/${id}/move`, { toStage: 'cto' }).set('Idempotency-Key', 'skip-1');
      const again = await post(`/applications/${id}/move`, { toStage: 'cto' }).set('Idempotency-Key', 'skip-1');
      expect(first.status).toBe(409);
      expect(again.status).toBe(409);
      expect(again.body).toEqual(first.body);
    });

    it('appends once when the same request is repeated concurrently', async () => {
      const body = { jobId, candidate: { name: 'Once', email: 'once@example.com' } };
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => post('/applications', body).set('Idempotency-Key', 'submit-once')),
      );
      expect(responses.map((r) => [r.status, r.body.detail])).toEqual(Array(8).fill([201, undefined]));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await p.events(responses[0].body.id)).toHaveLength(1);
    });

    it('answers a retry as the first time when the first answer was lost after its events were written', async () => {
      const body = { jobId, candidate: { name: 'Crash', email: 'crash@example.com' } };
      const first = await post('/applications', body).set('Idempotency-Key', 'crash-1').expect(201);
      // As if the process died after the append, before storing the answer, and the lease ran out.
      await t.app
        .get(DataSource)
        .query(
          `update idempotency_keys set status_code = null, body = null, locked_until = now() - interval '1 second' where key = 'crash-1'`,
        );
      const retry = await post('/applications', body).set('Idempotency-Key', 'crash-1');
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await p.events(first.body.id)).toHaveLength(1);

      const id = first.body.id as string;
      const move = await post(`/applications/${id}/move`, { toStage: 'recruiter_screen' })
        .set('Idempotency-Key', 'crash-2')
        .expect(200);
      await t.app
        .get(DataSource)
        .query(
          `update idempotency_keys set status_code = null, body = null, locked_until = now() - interval '1 second' where key = 'crash-2'`,
        );
      const moveRetry = await post(`/applications/${id}/move`, { toStage: 'recruiter_screen' }).set(
        'Idempotency-Key',
        'crash-2',
      );
      expect([moveRetry.status, moveRetry.body]).toEqual([200, move.body]);
      expect((await p.events(id)).filter((e) => e.type === 'StageChanged')).toHaveLength(1);
    });

    it('keeps keys apart per user', async () => {
      const body = { title: 'Same key, other user' };
      const mine = await post('/jobs', body).set('Idempotency-Key', 'job-1');
      const theirs = await t
        .http()
        .post('/jobs')
        .set('Authorization', t.as('admin', 'admin-9'))
        .set('Idempotency-Key', 'job-1')
        .send(body);
      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(mine.body.id);
    });
  });
});
