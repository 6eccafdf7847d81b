import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WebhookService } from '@app/notifications';
import { httpAdapter, loadConfig } from '@app/platform';
import { AppModule } from '../../apps/api/src/app.module';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { TEST_SECRET, startTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { until } from './support';

describe('where webhooks are delivered', () => {
  it('delivers from the API while it runs the projections, and stops before it shuts down', async () => {
    const t = await startTestApp();
    const webhooks = t.app.get(WebhookService);
    await until('the API to deliver', () => webhooks.role === 'leader');

    await t.close();
    expect(webhooks.role).toBe('stopped');
  });

  it('leaves delivery to the projections’ process when the API runs without them, and still manages webhooks', async () => {
    const t = await startTestApp({ PROJECTIONS: 'off' });
    try {
      await t.http().get('/webhooks').set('Authorization', t.as('admin')).expect(200);
      expect(t.app.get(WebhookService).role).toBe('stopped');
    } finally {
      await t.close();
    }
  });

  // PGlite serves every connection from one session, so advisory locks there exclude nobody; and
  // the projector needs a server it can share.
  const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

  onRealPostgres('delivers from the projector while the API stands by, and hands over when it stops', async () => {
    const database = await createTestDatabase();
    const config = { ...loadConfig({ JWT_SECRET: TEST_SECRET }), databaseUrl: database.url };
    const start = async (module: Parameters<typeof Test.createTestingModule>[0]['imports']) => {
      const moduleRef = await Test.createTestingModule({ imports: module }).compile();
      const app: INestApplication = moduleRef.createNestApplication(httpAdapter(), {
        logger: false,
        bodyParser: false,
      });
      await app.init();
      return app;
    };
    const projector = await start([ProjectorModule.forRoot(config)]);
    const api = await start([AppModule.forRoot(config)]);
    let projectorClosed = false;
    try {
      const delivering = projector.get(WebhookService);
      const standing = api.get(WebhookService);
      await until('the projector to deliver', () => delivering.role === 'leader');
      await until('the API to stand by', () => standing.role === 'standby');

      await projector.close();
      projectorClosed = true;
      expect(delivering.role).toBe('stopped');
      await until('the API to take over', () => standing.role === 'leader');
    } finally {
      if (!projectorClosed) await projector.close();
      await api.close();
      await database.drop();
    }
  });
});
