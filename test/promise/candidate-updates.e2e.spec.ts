import { startTestApp, type TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';

/**
 * SPEC §6: telling the candidate where they stand keeps the promise. The test clock starts on
 * Monday 23 November 2026, 09:00 UTC; the default target is 48 calendar hours.
 */
describe('candidate updates', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let jobId: string;
  const recruiter = () => t.as('recruiter', 'rec-1');
  const update = (id: string, body: object, auth = recruiter()) =>
    t.http().post(`/applications/${id}/candidate-updates`).set('Authorization', auth).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    jobId = await p.openJob();
  });
  afterAll(() => t.close());

  it('satisfies the decision the candidate waits for and owes the next word within the target again', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const id = await p.submit(jobId);
    t.clock.set('2026-11-24T15:00:00Z');
    const { body } = await update(id, { channel: 'email', summary: 'Still deciding; you will hear by Friday.' }).expect(
      201,
    );
    expect(body).toEqual({ id, version: 1, position: expect.any(Number), updateId: expect.any(String) });

    const app = await p.get(id);
    expect(app.candidateUpdates).toEqual([
      {
        id: body.updateId,
        channel: 'email',
        summary: 'Still deciding; you will hear by Friday.',
        at: '2026-11-24T15:00:00.000Z',
        by: 'rec-1',
      },
    ]);
    expect(
      app.obligations.map((o: { kind: string; startedAt: string; dueAt: string; satisfiedAt: string | null }) => [
        o.kind,
        o.startedAt,
        o.dueAt,
        o.satisfiedAt,
      ]),
    ).toEqual([
      ['decision', '2026-11-23T09:00:00.000Z', '2026-11-25T09:00:00.000Z', '2026-11-24T15:00:00.000Z'],
      ['decision', '2026-11-24T15:00:00.000Z', '2026-11-26T15:00:00.000Z', null],
    ]);
  });

  it('keeps the summary out of the breach lists and erases it with the candidate', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const id = await p.submit(jobId);
    await update(id, { channel: 'phone', summary: 'Ada asked about the salary band.' }).expect(201);
    await t.http().delete(`/applications/${id}/candidate`).set('Authorization', t.as('admin')).expect(204);
    const app = await p.get(id);
    expect(app.candidateUpdates).toEqual([expect.objectContaining({ channel: 'phone', summary: null })]);
  });

  it('refuses an update for an application that is no longer active', async () => {
    const id = await p.submit(jobId);
    await p.post(`/applications/${id}/withdraw`, {}, 200);
    const { body } = await update(id, { channel: 'email' }).expect(409);
    expect(body.type).toBe('/problems/application-not-active');
  });

  it('refuses an unknown channel and unknown fields, appending nothing', async () => {
    const id = await p.submit(jobId);
    const bad = await update(id, { channel: 'carrier_pigeon' }).expect(400);
    expect(bad.body.errors[0].field).toBe('channel');
    await update(id, { channel: 'email', mood: 'hopeful' }).expect(400);
    expect(await p.events(id)).toHaveLength(1);
  });

  it('records one update for a repeated request with the same Idempotency-Key', async () => {
    const id = await p.submit(jobId);
    const first = await update(id, { channel: 'message' }).set('Idempotency-Key', 'told-once').expect(201);
    const again = await update(id, { channel: 'message' }).set('Idempotency-Key', 'told-once').expect(201);
    expect(again.body).toEqual(first.body);
    expect((await p.get(id)).candidateUpdates).toHaveLength(1);
  });
});
