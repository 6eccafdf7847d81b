import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CandidateStore } from '@app/candidates';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

/** Concurrent requests' reads of candidates go to the database together (see readsTogether). */
describe('reading candidates for many requests at once', () => {
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
});
