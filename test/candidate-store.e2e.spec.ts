import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CandidateStore } from '@app/candidates';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

/** Concurrent requests' reads and writes of candidates go to the database together (see sentTogether). */
describe('candidates of many requests at once', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
  });
  afterAll(() => t.close());

  it('finds each request its own candidate, in either case, and nothing for an id that is none, failing no other', async () => {
    const jobId = await p.openJob();
    const emails = ['one@example.com', 'two@example.com', 'three@example.com'];
    const ids = [];
    for (const email of emails) ids.push(await p.submit(jobId, email));
    const candidates = t.app.get(CandidateStore);
    const asked = [...ids, 'not-an-id', '00000000-0000-4000-8000-000000000000', ...ids.map((id) => id.toUpperCase())];
    const found = await Promise.all(asked.map((id) => candidates.find(id)));
    expect(found.map((candidate) => candidate?.email ?? null)).toEqual([...emails, null, null, ...emails]);
  });

  it('answers many concurrent reads of applications each with its own', async () => {
    const jobId = await p.openJob();
    const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => p.submit(jobId, `reader-${n}@example.com`)));
    const read = await Promise.all(ids.map((id) => p.get(id)));
    expect(read.map((application) => [application.id, application.candidate.email])).toEqual(
      ids.map((id, n) => [id, `reader-${n}@example.com`]),
    );
  });

  const savedAt = new Date('2026-11-30T10:00:00.000Z');
  const rowOf = async (id: string) =>
    (
      await t.app
        .get(DataSource)
        .query('select job_id, name, email, phone, created_at from candidates where application_id = $1', [id])
    )[0];

  it('stores each of many concurrent submits’ candidates, answering each that it stored it', async () => {
    const jobId = randomUUID();
    const ids = Array.from({ length: 10 }, () => randomUUID());
    const stored = await Promise.all(
      ids.map((id, n) =>
        t.app
          .get(CandidateStore)
          .save(id, jobId, { name: `C ${n}`, email: `c${n}@example.com`, phone: `+${n}` }, savedAt),
      ),
    );
    expect(stored).toEqual(ids.map(() => true));
    expect(await Promise.all(ids.map(rowOf))).toEqual(
      ids.map((_, n) => ({
        job_id: jobId,
        name: `C ${n}`,
        email: `c${n}@example.com`,
        phone: `+${n}`,
        created_at: savedAt,
      })),
    );
  });

  it('stores an id given twice at once by its first, answering the second that it was there', async () => {
    const id = randomUUID();
    const candidate = { name: 'Twice', email: 'twice@example.com' };
    const candidates = t.app.get(CandidateStore);
    const stored = await Promise.all([
      candidates.save(id, randomUUID(), candidate, savedAt),
      candidates.save(id.toUpperCase(), randomUUID(), candidate, savedAt),
    ]);
    expect(stored).toEqual([true, false]);
    expect(await rowOf(id)).toMatchObject({ name: 'Twice' });
  });

  it('fails only the request whose row cannot be stored', async () => {
    const candidates = t.app.get(CandidateStore);
    const [good, bad, other] = await Promise.allSettled([
      candidates.save(randomUUID(), randomUUID(), { name: 'Good', email: 'good@example.com' }, savedAt),
      candidates.save('not-a-uuid', randomUUID(), { name: 'Bad', email: 'bad@example.com' }, savedAt),
      candidates.save(randomUUID(), randomUUID(), { name: 'Other', email: 'other@example.com' }, savedAt),
    ]);
    expect([good.status, bad.status, other.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
