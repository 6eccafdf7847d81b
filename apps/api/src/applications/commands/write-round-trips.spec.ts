import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '@test/support/app';
import { pipeline } from '@test/support/pipeline';

/**
 * The writes that skip a read (the candidate's row when the reservation stays, a new stream's
 * events) and the submit that reads its job while it stores the candidate: the same outcomes as
 * when every read was made.
 */
describe('writes with fewer round trips', () => {
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
  const candidateRows = async (job: string) =>
    Number((await t.app.get(DataSource).query('select count(*) as n from candidates where job_id = $1', [job]))[0].n);

  it('releases the email on rejection and claims it back on unreject, refusing while another holds it', async () => {
    const first = await p.submit(jobId, 'lin@example.com');
    await post(`/applications/${first}/move`, { toStage: 'recruiter_screen' }).expect(200);
    await post(`/applications/${first}/reject`, { reasonCode: 'skills_gap' }).expect(200);
    const second = await p.submit(jobId, 'LIN@example.com');

    const refused = await post(`/applications/${first}/unreject`);
    expect([refused.status, refused.body.existingApplicationId]).toEqual([409, second]);

    await post(`/applications/${second}/withdraw`, { reason: 'duplicate' }).expect(200);
    await post(`/applications/${first}/unreject`).expect(200);
    const third = await post('/applications', { jobId, candidate: { name: 'Lin', email: 'lin@example.com' } });
    expect([third.status, third.body.existingApplicationId]).toEqual([409, first]);
  });

  it('keeps no personal data of a submission to a closed job', async () => {
    const closed = await p.openJob('Closed role');
    await post(`/jobs/${closed}/close`).expect(200);
    expect((await post('/applications', { jobId: closed, candidate: { name: 'A', email: 'a@b.co' } })).status).toBe(
      409,
    );
    expect(await candidateRows(closed)).toBe(0);
  });

  it('refuses a submit to a job it has seen open once the job closed, keeping no personal data', async () => {
    const role = await p.openJob('Seen open');
    await p.submit(role, 'early@example.com');
    await post(`/jobs/${role}/close`).expect(200);
    const late = await post('/applications', { jobId: role, candidate: { name: 'Late', email: 'late@example.com' } });
    expect([late.status, late.body.type]).toEqual([409, '/problems/job-closed']);
    expect(await candidateRows(role)).toBe(1);
  });

  it('answers a retry whose lost answer was a 201 with that answer after the job closed, keeping the data', async () => {
    const role = await p.openJob('Closing soon');
    const body = { jobId: role, candidate: { name: 'Kept Candidate', email: 'kept@example.com' } };
    const first = await post('/applications', body).set('Idempotency-Key', 'closing-1').expect(201);
    await post(`/jobs/${role}/close`).expect(200);
    // As if the answer had been lost: the retry runs the command again.
    await t.app
      .get(DataSource)
      .query(
        `update idempotency_keys set status_code = null, body = null, locked_until = now() - interval '1 second' where key = 'closing-1'`,
      );
    const retried = await post('/applications', body).set('Idempotency-Key', 'closing-1');
    expect([retried.status, retried.body]).toEqual([201, first.body]);
    expect((await p.get(first.body.id)).candidate).toMatchObject({ name: 'Kept Candidate', email: 'kept@example.com' });
  });

  it('opens a job and submits to it under fresh ids, each with its first event at version 0', async () => {
    const job = await post('/jobs', { title: 'Fresh' }).expect(201);
    const submitted = await post('/applications', {
      jobId: job.body.id,
      candidate: { name: 'Fresh Candidate', email: 'fresh@example.com' },
    }).expect(201);
    expect([job.body.version, submitted.body.version]).toEqual([0, 0]);
    expect(submitted.body.position).toBeGreaterThan(job.body.position);
  });
});
