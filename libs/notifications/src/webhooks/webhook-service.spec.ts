import { Pool } from 'pg';
import { type Receiver, startReceiver } from './testing/receiver';
import { type WebhookFixture, openWebhookFixture } from './testing/webhook-fixture';
import { WebhookService } from './webhook-service';

describe('the webhook service', () => {
  let f: WebhookFixture;
  let hook: Receiver;
  beforeEach(async () => {
    f = await openWebhookFixture();
    hook = await startReceiver();
  });
  afterEach(async () => {
    await f.close();
    await hook.close();
  });

  it('once started, delivers what is appended to the log until stopped', async () => {
    const service = f.service();
    await service.endpoints.createEndpoint({ url: hook.url, events: ['application.submitted'] });
    service.start();
    await until(() => service.role === 'leader');
    await f.submit('Ada Lovelace');
    await until(() => hook.received.length === 1);
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ data: { candidateName: 'Ada Lovelace' } });
    await service.stop();
    expect(service.role).toBe('stopped');
  });

  // PGlite serves every connection from one session, so advisory locks there exclude nobody.
  const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

  onRealPostgres('lets one process deliver while another stands by, which takes over when it stops', async () => {
    const otherPool = new Pool({ connectionString: f.url, max: 4 });
    try {
      const first = f.service();
      const second = new WebhookService(otherPool, f.store, {
        now: f.clock.now,
        candidateNames: f.candidateNames,
        allowPrivate: true,
        pollMs: 50,
        standbyRetryMs: 50,
      });
      await first.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
      first.start();
      await until(() => first.role === 'leader');
      second.start();
      await until(() => second.role === 'standby');

      await first.stop();
      await until(() => second.role === 'leader');
      await f.submit();
      await until(() => hook.received.length === 1);
      await second.stop();
      expect(await f.deliveries()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
    } finally {
      await otherPool.end();
    }
  });
});

/** Polls a condition (no fixed sleeps): resolves once it holds, fails after 10 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
