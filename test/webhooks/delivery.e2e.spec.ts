import { type Delivery, type Receiver, startReceiver, until, verified, webhooks } from './support';
import { type TestApp, TestClock, startTestApp } from '../support/app';
import { pipeline } from '../support/pipeline';

/*
 * Webhooks through the real app: HTTP in, the event log, the fan-out and the dispatcher, HTTP out to
 * a real receiver on a loopback port. The clock starts at the real time (receivers check a
 * signature's timestamp against theirs) and stands still; retries fall due when the test moves it.
 */
describe('webhooks, end to end', () => {
  let t: TestApp;
  let hook: Receiver;
  let answer: number;
  let created: string[];

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SCHEDULE: '1,1' }, new TestClock(new Date()));
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    answer = 200;
    created = [];
    hook = await startReceiver(() => answer);
  });
  afterEach(async () => {
    const w = webhooks(t);
    for (const id of created) await w.remove(id);
    await hook.close();
  });

  const register = async (body: object) => {
    const webhook = await webhooks(t).create({ url: hook.url, ...body });
    created.push(webhook.id);
    return webhook;
  };

  it('sends a signed application.submitted when an application is submitted, and logs it delivered', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    const webhook = await register({ events: ['application.submitted'], description: 'ATS mirror' });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);

    const applicationId = await p.submit(jobId, undefined, 'Ada Lovelace');
    const [request] = await until('the delivery', () => hook.received.length === 1 && hook.received);

    expect(verified(webhook.secret, request)).toMatchObject({
      type: 'application.submitted',
      data: { applicationId, jobId, stage: 'applied', candidateName: 'Ada Lovelace' },
    });
    expect(request.body).not.toContain('@example.com');
    const delivery = await webhooks(t).onlyDelivery(webhook.id, 'delivered', (d) => d.status === 'delivered');
    expect(delivery).toMatchObject({
      eventId: request.headers['webhook-id'],
      type: 'application.submitted',
      attempts: 1,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
  });

  it('sends nothing from before the webhook existed, nor of types it did not ask for', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    const before = await p.submit(jobId);
    const webhook = await register({ events: ['application.stage_changed'] });

    await p.submit(jobId);
    await p.move(before, 'recruiter_screen');
    const [request] = await until('the delivery', () => hook.received.length === 1 && hook.received);

    expect(verified(webhook.secret, request)).toMatchObject({
      type: 'application.stage_changed',
      data: { applicationId: before, from: 'applied', to: 'recruiter_screen' },
    });
    expect(await webhooks(t).deliveries(webhook.id)).toHaveLength(1);
  });

  it('posts one readable line to a Slack-format webhook', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    await register({ events: ['application.submitted'], format: 'slack' });

    await p.submit(jobId, undefined, 'Grace Hopper');
    const [request] = await until('the delivery', () => hook.received.length === 1 && hook.received);

    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toContain('Grace Hopper');
    expect(body.text).not.toContain('\n');
  });

  it('delivers webhook.test on request', async () => {
    const webhook = await register({ events: ['application.hired'] });

    const queued = await t
      .http()
      .post(`/webhooks/${webhook.id}/test`)
      .set('Authorization', webhooks(t).admin)
      .expect(202);
    const [request] = await until('the test delivery', () => hook.received.length === 1 && hook.received);

    expect(verified(webhook.secret, request)).toMatchObject({ type: 'webhook.test', data: { webhookId: webhook.id } });
    expect(request.headers['webhook-id']).toBe(queued.body.eventId);
    await webhooks(t).onlyDelivery(webhook.id, 'the test delivered', (d) => d.status === 'delivered');
  });

  it('retries a receiver that answers 500 on the schedule, then fails it; a manual retry delivers it', async () => {
    answer = 500;
    const p = pipeline(t);
    const jobId = await p.openJob();
    const webhook = await register({ events: ['application.submitted'] });
    const w = webhooks(t);
    await p.submit(jobId);

    // A claimed attempt counts at once; its outcome is recorded when the receiver has answered.
    const recordedAfter = (attempts: number) => (d: Delivery) =>
      d.attempts === attempts && Date.parse(d.nextAttemptAt ?? '') === t.clock.now().getTime() + 1_000;
    const first = await w.onlyDelivery(webhook.id, 'a first failed attempt', recordedAfter(1));
    expect(first).toMatchObject({ status: 'pending', lastStatusCode: 500 });

    t.clock.advance(1 / 3600);
    await w.onlyDelivery(webhook.id, 'a second failed attempt', recordedAfter(2));
    t.clock.advance(1 / 3600);
    const failed = await w.onlyDelivery(webhook.id, 'the last attempt', (d) => d.status !== 'pending');
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500, nextAttemptAt: null });
    expect((await w.deliveries(webhook.id, '?status=failed')).map((d) => d.id)).toEqual([failed.id]);
    expect(await w.deliveries(webhook.id, '?status=pending')).toEqual([]);

    answer = 200;
    await t
      .http()
      .post(`/webhooks/${webhook.id}/deliveries/${failed.id}/retry`)
      .set('Authorization', w.admin)
      .expect(202);
    const retried = await w.onlyDelivery(webhook.id, 'the manual retry', (d) => d.status === 'delivered');
    expect(retried).toMatchObject({ id: failed.id, attempts: 4, lastStatusCode: 200 });
    expect(new Set(hook.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([failed.eventId]));
    expect(hook.received).toHaveLength(4);
  });

  it('sends no deliveries to a disabled webhook, and sends again once enabled', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    const webhook = await register({ events: ['application.submitted'] });
    const w = webhooks(t);

    const disabled = await t.http().post(`/webhooks/${webhook.id}/disable`).set('Authorization', w.admin).expect(200);
    expect(disabled.body).toMatchObject({ id: webhook.id, status: 'disabled' });
    await p.submit(jobId);
    await t.http().post(`/webhooks/${webhook.id}/enable`).set('Authorization', w.admin).expect(200);
    const after = await p.submit(jobId);

    const [request] = await until('the delivery', () => hook.received.length === 1 && hook.received);
    expect(verified(webhook.secret, request).data.applicationId).toBe(after);
    expect(await w.deliveries(webhook.id)).toHaveLength(1);
  });

  it('names an erased candidate null in every delivery after the erasure', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    const webhook = await register({ events: ['application.submitted', 'candidate.erased'] });
    const applicationId = await p.submit(jobId, undefined, 'Katherine Johnson');
    await until('the submission', () => hook.received.length === 1);

    await t
      .http()
      .delete(`/applications/${applicationId}/candidate`)
      .set('Authorization', webhooks(t).admin)
      .expect(204);
    const [submitted, erased] = await until('the erasure', () => hook.received.length === 2 && hook.received);

    expect(verified(webhook.secret, submitted).data.candidateName).toBe('Katherine Johnson');
    expect(verified(webhook.secret, erased)).toMatchObject({
      type: 'candidate.erased',
      data: { applicationId, candidateName: null },
    });
  });

  it('reports the decision a move answered as sla.met, on time', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    const applicationId = await p.submit(jobId);
    const webhook = await register({ events: ['sla.met'] });

    await p.move(applicationId, 'recruiter_screen');
    const [request] = await until('sla.met', () => hook.received.length === 1 && hook.received);

    expect(verified(webhook.secret, request)).toMatchObject({
      type: 'sla.met',
      data: { applicationId, jobId, kind: 'decision', stage: 'applied', onTime: true },
    });
  });
});
