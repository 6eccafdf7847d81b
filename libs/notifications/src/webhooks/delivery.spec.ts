import { Webhook } from 'standardwebhooks';
import { type Receiver, startReceiver } from './testing/receiver';
import { type WebhookFixture, openWebhookFixture } from './testing/webhook-fixture';
import type { WebhookService } from './webhook-service';

describe('webhook delivery', () => {
  let f: WebhookFixture;
  const receivers: Receiver[] = [];
  const receiver = async (answer?: Parameters<typeof startReceiver>[0]) => {
    const started = await startReceiver(answer);
    receivers.push(started);
    return started;
  };
  beforeEach(async () => {
    f = await openWebhookFixture();
  });
  afterEach(async () => {
    await f.close();
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  const subscribe = (service: WebhookService, url: string, events = ['*'], format?: 'standard' | 'slack') =>
    service.endpoints.createEndpoint({ url, events, format });

  it('retries a failing receiver on the schedule and records one delivery after the third attempt', async () => {
    const answers = [500, 500, 200];
    const hook = await receiver((n) => answers[n] ?? 200);
    const service = f.service();
    const { endpoint, secret } = await subscribe(service, hook.url);
    const applicationId = await f.submit('Ada Lovelace');
    expect(await f.fanOut(service)).toBe(1);

    expect(await service.dispatcher.dispatchDue()).toBe(1);
    expect(await service.dispatcher.dispatchDue()).toBe(0);
    f.clock.advance(4);
    expect(await service.dispatcher.dispatchDue()).toBe(0);
    f.clock.advance(1);
    expect(await service.dispatcher.dispatchDue()).toBe(1);
    f.clock.advance(29);
    expect(await service.dispatcher.dispatchDue()).toBe(0);
    f.clock.advance(1);
    expect(await service.dispatcher.dispatchDue()).toBe(1);

    const [delivery] = await f.deliveries(endpoint.id);
    expect(await f.deliveries()).toHaveLength(1);
    expect(delivery).toMatchObject({
      type: 'application.submitted',
      status: 'delivered',
      attempts: 3,
      last_status_code: 200,
    });
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery.event_id]));
    for (const request of hook.received) {
      expect(request.headers['content-type']).toBe('application/json');
      const verified = new Webhook(secret).verify(request.body, {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      });
      expect(verified).toMatchObject({
        type: 'application.submitted',
        data: { applicationId, candidateName: 'Ada Lovelace', stage: 'applied' },
      });
    }
  });

  it('gives up after the last gap of the schedule and marks the delivery failed', async () => {
    const hook = await receiver(() => 503);
    const service = f.service({ retrySchedule: [10, 20] });
    const { endpoint } = await subscribe(service, hook.url);
    await f.submit();
    await f.fanOut(service);
    await service.dispatcher.dispatchDue();
    f.clock.advance(10);
    await service.dispatcher.dispatchDue();
    f.clock.advance(20);
    await service.dispatcher.dispatchDue();
    f.clock.advance(3600);
    expect(await service.dispatcher.dispatchDue()).toBe(0);
    expect(await f.deliveries(endpoint.id)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 3, last_status_code: 503, next_attempt_at: null }),
    ]);
  });

  it('cuts a hanging receiver off at the timeout without holding back another endpoint', async () => {
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    const service = f.service({ timeoutMs: 1_000 });
    const stuck = await subscribe(service, hanging.url);
    const fine = await subscribe(service, healthy.url);
    for (let n = 0; n < 3; n++) await f.submit();
    const started = Date.now();
    service.start();

    const all = (rows: { status: string }[], status: string) =>
      rows.length === 3 && rows.every((d) => d.status === status);
    await until(async () => all(await f.deliveries(fine.endpoint.id), 'delivered'), 5);
    expect(healthy.received).toHaveLength(3);
    // The other endpoint's attempts are still hanging, unrecorded: nobody waited for them.
    expect((await f.deliveries(stuck.endpoint.id)).map((d) => d.last_error)).toEqual([null, null, null]);

    await until(async () => (await f.deliveries(stuck.endpoint.id)).every((d) => d.last_error !== null), 5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    for (const delivery of await f.deliveries(stuck.endpoint.id))
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_error: 'no answer within 1000 ms' });
  });

  it('sends nothing that happened before the endpoint existed', async () => {
    const hook = await receiver();
    const service = f.service();
    await f.submit('Before');
    const { endpoint } = await subscribe(service, hook.url);
    const after = await f.submit('After');
    await f.fanOut(service);
    await service.dispatcher.dispatchDue();
    expect((await f.deliveries(endpoint.id)).map((d) => d.payload)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ applicationId: after }) }),
    ]);
    expect(hook.received.map((r) => JSON.parse(r.body).data.candidateName)).toEqual(['After']);
  });

  it('fans out exactly once when the log is replayed from an older checkpoint', async () => {
    const one = await receiver();
    const two = await receiver();
    const service = f.service();
    await subscribe(service, one.url);
    await subscribe(service, two.url, ['application.stage_changed']);
    const applicationId = await f.submit();
    await f.append(`application-${applicationId}`, 'StageChanged', {
      from: 'applied',
      to: 'recruiter_screen',
      reason: null,
      changedAt: f.clock.now().toISOString(),
      by: 'r1',
    });
    expect(await f.fanOut(service)).toBe(3);
    await service.dispatcher.dispatchDue();

    await f.pool.query(`update webhook_checkpoints set position = 0`);
    expect(await f.fanOut(service)).toBe(0);
    expect(await service.dispatcher.dispatchDue()).toBe(0);
    expect(await f.deliveries()).toHaveLength(3);
    expect([one.received.length, two.received.length]).toEqual([2, 1]);
    expect(await service.fanOut.position()).toBe(await f.store.headPosition());
  });

  it('does not apply a batch when the checkpoint has moved on elsewhere', async () => {
    const hook = await receiver();
    const service = f.service();
    await subscribe(service, hook.url);
    await f.submit();
    await f.fanOut(service);
    // Read once the fan-out has: before, a transaction in flight anywhere on a shared server may
    // still hold the event back from readAll.
    const batch = await f.store.readAll({ after: null, maxCount: 10 });
    expect(await service.fanOut.applyBatch(batch, 0)).toEqual({ kind: 'moved', position: batch[0].position });
    expect(await f.deliveries()).toHaveLength(1);
  });

  it('resends with the same webhook-id when an attempt was sent but never recorded', async () => {
    const hook = await receiver();
    const service = f.service({ timeoutMs: 2_000 });
    await subscribe(service, hook.url);
    await f.submit();
    await f.fanOut(service);
    const claimed = await service.dispatcher.claim(10);
    await service.dispatcher.send(claimed[0], await service.dispatcher.namesOf(claimed));
    // The process dies here. Until the lease runs out nobody else sends it...
    f.clock.advance(30);
    expect(await service.dispatcher.dispatchDue()).toBe(0);
    // ...then it is sent again, as the same event.
    f.clock.advance(60);
    expect(await service.dispatcher.dispatchDue()).toBe(1);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1].headers['webhook-id']).toBe(hook.received[0].headers['webhook-id']);
    expect((await f.deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('looks the name up at each attempt, so it never leaves again once the candidate is erased', async () => {
    const answers = [500, 200];
    const hook = await receiver((n) => answers[n] ?? 200);
    const service = f.service();
    await subscribe(service, hook.url);
    const applicationId = await f.submit('Grace Hopper');
    await f.fanOut(service);
    await service.dispatcher.dispatchDue();
    f.names.set(applicationId, null);
    f.clock.advance(5);
    await service.dispatcher.dispatchDue();
    expect(hook.received.map((r) => JSON.parse(r.body).data.candidateName)).toEqual(['Grace Hopper', null]);
    expect(JSON.stringify(await f.deliveries())).not.toContain('Grace');
  });

  it('disables an endpoint that has had nothing but failures for 5 days', async () => {
    const hook = await receiver(() => 500);
    const service = f.service({ retrySchedule: [60] });
    const { endpoint } = await subscribe(service, hook.url);
    const attemptTest = async () => {
      await service.endpoints.enqueueTest(endpoint.id);
      await service.dispatcher.dispatchDue();
    };
    await attemptTest();
    f.clock.advance(4 * 24 * 3600);
    await attemptTest();
    expect(await service.endpoints.getEndpoint(endpoint.id)).toMatchObject({ status: 'active' });
    f.clock.advance(24 * 3600);
    await attemptTest();
    expect(await service.endpoints.getEndpoint(endpoint.id)).toMatchObject({
      status: 'disabled',
      disabledReason: 'nothing but failures for 5 days',
    });

    await f.submit();
    expect(await f.fanOut(service)).toBe(0);
  });

  it('starts counting the 5 days again after a success', async () => {
    const answers = [500, 200];
    const hook = await receiver((n) => answers[n] ?? 500);
    const service = f.service({ retrySchedule: [60] });
    const { endpoint } = await subscribe(service, hook.url);
    await service.endpoints.enqueueTest(endpoint.id);
    await service.dispatcher.dispatchDue();
    f.clock.advance(60);
    await service.dispatcher.dispatchDue();
    f.clock.advance(4 * 24 * 3600);
    await service.endpoints.enqueueTest(endpoint.id);
    await service.dispatcher.dispatchDue();
    f.clock.advance(2 * 24 * 3600);
    await service.endpoints.enqueueTest(endpoint.id);
    await service.dispatcher.dispatchDue();
    expect(await service.endpoints.getEndpoint(endpoint.id)).toMatchObject({ status: 'active' });
  });

  it('posts one Slack line, escaped, for an escalation from the SLA notices', async () => {
    const hook = await receiver();
    const service = f.service();
    await subscribe(service, hook.url, ['sla.escalated'], 'slack');
    const applicationId = await f.submit('Ada <Lovelace>');
    await f.append(`sla-notices-${applicationId}`, 'ObligationEscalated', {
      applicationId,
      jobId: 'job-1',
      obligationId: 'ob-1',
      kind: 'scorecard',
      stage: 'technical',
      interviewerId: 'alice',
      dueAt: '2026-11-26T10:00:00.000Z',
      at: '2026-11-26T10:00:04.000Z',
      recipients: ['alice', 'hm-1'],
    });
    await f.fanOut(service);
    await service.dispatcher.dispatchDue();
    expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([
      { text: ':warning: Scorecard for Ada &lt;Lovelace&gt; (technical) is overdue since 2026-11-26 10:00 UTC' },
    ]);
  });

  it('sends the obligations an event met, as the SLA port reports them', async () => {
    const hook = await receiver();
    const service = f.service({
      slaMet: async (event) =>
        event.type === 'StageChanged'
          ? [
              {
                applicationId: event.streamId.slice('application-'.length),
                jobId: 'job-1',
                obligationId: 'decision-applied',
                kind: 'decision',
                stage: 'applied',
                dueAt: '2026-11-25T09:00:00.000Z',
                satisfiedAt: '2026-11-24T09:00:00.000Z',
                onTime: true,
              },
            ]
          : [],
    });
    await subscribe(service, hook.url, ['sla.met']);
    const applicationId = await f.submit();
    await f.append(`application-${applicationId}`, 'StageChanged', {
      from: 'applied',
      to: 'recruiter_screen',
      reason: null,
      changedAt: '2026-11-24T09:00:00.000Z',
      by: 'r1',
    });
    await f.fanOut(service);
    await f.fanOut(service);
    await service.dispatcher.dispatchDue();
    expect(hook.received.map((r) => JSON.parse(r.body))).toEqual([
      {
        type: 'sla.met',
        timestamp: '2026-11-24T09:00:00.000Z',
        data: {
          applicationId,
          jobId: 'job-1',
          obligationId: 'decision-applied',
          kind: 'decision',
          stage: 'applied',
          interviewerId: null,
          dueAt: '2026-11-25T09:00:00.000Z',
          satisfiedAt: '2026-11-24T09:00:00.000Z',
          onTime: true,
          candidateName: 'Ada Lovelace',
        },
      },
    ]);
  });

  it('refuses at send time a name that now resolves to a private address', async () => {
    const hook = await receiver();
    let answer = '93.184.216.34';
    const service = f.service({
      allowPrivate: false,
      lookup: (_host, options, callback) =>
        options.all ? callback(null, [{ address: answer, family: 4 }]) : callback(null, answer, 4),
    });
    const { endpoint } = await subscribe(service, `http://hooks.example.com:${hook.port}/in`);
    answer = '127.0.0.1';
    await service.endpoints.enqueueTest(endpoint.id);
    await service.dispatcher.dispatchDue();
    expect(hook.received).toHaveLength(0);
    expect((await f.deliveries(endpoint.id))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('loopback'),
    });
  });
});

/** Polls a condition (no fixed sleeps): resolves once it holds, fails after `seconds`. */
async function until(condition: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
