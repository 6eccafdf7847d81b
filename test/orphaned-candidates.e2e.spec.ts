import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CandidateStore } from '@app/candidates';
import { CandidateSweeper } from '../apps/api/src/applications/candidate-sweeper';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

/**
 * A submit saves the candidate's personal data, then appends the application. One that dies in
 * between leaves personal data no application refers to; the sweep removes it once no submit can
 * still be on its way to the append.
 */
describe('personal data of applications that never came to be', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let database: DataSource;
  let jobId: string;

  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    database = t.app.get(DataSource);
    jobId = await p.openJob();
  });
  afterAll(() => t.close());

  const minutesAgo = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000);
  /** What a submit that died after saving the candidate leaves behind. */
  async function orphan(savedAt: Date): Promise<string> {
    const id = randomUUID();
    await database.query(
      `insert into candidates (application_id, job_id, name, email, reservation_key, created_at)
       values ($1, $2, 'Orphaned Person', 'orphan@example.com', $3, $4)`,
      [id, jobId, `key-${id}`, savedAt],
    );
    return id;
  }
  const stored = async (id: string) =>
    (await database.query('select 1 from candidates where application_id = $1', [id])).length === 1;
  const sweep = () => t.app.get(CandidateSweeper).sweep();

  it('removes personal data older than the lease that no application refers to', async () => {
    const old = await orphan(minutesAgo(30));
    expect(await sweep()).toMatchObject({ removed: 1 });
    expect(await stored(old)).toBe(false);
  });

  it('keeps the personal data of real applications, however old', async () => {
    const applicationId = await p.submit(jobId, 'kept@example.com', 'Kept Person');
    t.clock.advance(2);
    try {
      await sweep();
      expect(await stored(applicationId)).toBe(true);
      expect((await p.get(applicationId)).candidate).toMatchObject({ name: 'Kept Person' });
      // Once seen with its application, a row is never looked at again.
      expect(await sweep()).toEqual({ removed: 0, confirmed: 0 });
    } finally {
      t.clock.advance(-2);
    }
  });

  it('keeps fresh personal data, whose submit may still be on its way to the append', async () => {
    const fresh = await orphan(minutesAgo(5));
    await sweep();
    expect(await stored(fresh)).toBe(true);

    t.clock.advance(0.25);
    try {
      await sweep();
      expect(await stored(fresh)).toBe(false);
    } finally {
      t.clock.advance(-0.25);
    }
  });

  it('gives a retried submit a fresh lease, so the sweep cannot take its row from under it', async () => {
    const id = await orphan(minutesAgo(30));
    await t.app
      .get(CandidateStore)
      .save(id, jobId, { name: 'Orphaned Person', email: 'orphan@example.com' }, t.clock.now());
    await sweep();
    expect(await stored(id)).toBe(true);
  });
});
