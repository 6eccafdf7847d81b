import { jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { startEmbeddedPostgres } from '@app/event-store/postgres/embedded-postgres';
import { createApp } from '../apps/api/src/app.factory';
import { loadConfig } from '@app/platform';
import { TEST_SECRET } from './support/app';

// The embedded default: what was written before a graceful stop is there after a restart. Each
// test starts the embedded server more than once, which takes its time on a busy machine.
jest.setTimeout(180_000);

describe('the embedded database across restarts', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ats-data-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const authorization = `Bearer ${new JwtService({ secret: TEST_SECRET }).sign({ sub: 'rec-1', role: 'recruiter' })}`;

  async function run<T>(work: (http: () => ReturnType<typeof request>) => Promise<T>): Promise<T> {
    const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 40 });
    const app = await createApp(
      { ...loadConfig({ JWT_SECRET: TEST_SECRET }), databaseUrl: embedded.url },
      { logger: false },
    );
    await app.init();
    try {
      return await work(() => request(app.getHttpServer()));
    } finally {
      await app.close();
      await embedded.stop();
    }
  }

  it('keeps jobs and applications written before the stop', async () => {
    const { jobId, applicationId } = await run(async (http) => {
      const job = await http()
        .post('/jobs')
        .set('Authorization', authorization)
        .send({ title: 'Persistent' })
        .expect(201);
      const application = await http()
        .post('/applications')
        .set('Authorization', authorization)
        .send({ jobId: job.body.id, candidate: { name: 'Kept', email: 'kept@example.com' } })
        .expect(201);
      return { jobId: job.body.id as string, applicationId: application.body.id as string };
    });

    await run(async (http) => {
      await http().get(`/jobs/${jobId}`).set('Authorization', authorization).expect(200);
      const application = await http()
        .get(`/applications/${applicationId}`)
        .set('Authorization', authorization)
        .expect(200);
      expect(application.body).toMatchObject({ jobId, status: 'active', candidate: { name: 'Kept' } });
    });
  });
});
