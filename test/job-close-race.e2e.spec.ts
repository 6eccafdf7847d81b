import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

const ROUNDS = 25;
const SUBMITS = 8;

/**
 * A submit checks that the job is open and then appends to the application's stream; a close in
 * between must not let the application in. Whatever the interleaving: no submit is accepted (201)
 * unless its application was committed by the time the close answered 200.
 */
describe('closing a job while applications arrive', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let database: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    database = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const recruiter = () => t.as('recruiter', 'rec-1');
  const submit = (jobId: string) =>
    t
      .http()
      .post('/applications')
      .set('Authorization', recruiter())
      .send({ jobId, candidate: { name: 'Racing Person', email: `${randomUUID()}@example.com` } });
  /** The applications of the job committed so far, as the log has them. */
  const committed = async (jobId: string): Promise<Set<string>> =>
    new Set(
      (
        await database.query<{ id: string }[]>(
          `select data->>'applicationId' as id from event_store.events
            where type = 'ApplicationSubmitted' and data->>'jobId' = $1`,
          [jobId],
        )
      ).map((row) => row.id),
    );

  it('accepts no application after the close answered, unless it was committed before', async () => {
    const late: string[] = [];
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const jobId = await p.openJob(`Round ${round}`);
      let atClose: Set<string> | undefined;
      const submits = Array.from({ length: SUBMITS }, () => submit(jobId).then((response) => response));
      // Closed while the submits are between their check and their append, as far as timing allows:
      // at once in the first rounds, a little later each round, so that both outcomes occur on a
      // fast server and on the embedded one alike.
      const close = new Promise<void>((resolve) => setTimeout(resolve, round * 4))
        .then(() => t.http().post(`/jobs/${jobId}/close`).set('Authorization', recruiter()))
        .then(async (response) => {
          expect(response.status).toBe(200);
          atClose = await committed(jobId);
        });
      const [responses] = await Promise.all([Promise.all(submits), close]);

      for (const response of responses) {
        expect([201, 409]).toContain(response.status);
        if (response.status === 409) {
          expect(response.body.type).toBe('/problems/job-closed');
          refused++;
        } else {
          accepted++;
          if (!atClose!.has(response.body.id)) late.push(response.body.id);
        }
      }
      expect([...(await committed(jobId))].sort()).toEqual(
        responses
          .filter((r) => r.status === 201)
          .map((r) => r.body.id as string)
          .sort(),
      );
    }
    expect(late).toEqual([]);
    // Both outcomes occurred, so the rounds did race.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses every application once the job is closed', async () => {
    const jobId = await p.openJob('Closed');
    await t.http().post(`/jobs/${jobId}/close`).set('Authorization', recruiter()).expect(200);
    const responses = await Promise.all(Array.from({ length: 4 }, () => submit(jobId)));
    expect(responses.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect(await committed(jobId)).toEqual(new Set());
  });
});
