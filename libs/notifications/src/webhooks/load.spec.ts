import { jest } from '@jest/globals';
import { type Receiver, startReceiver } from './testing/receiver';
import { type WebhookFixture, openWebhookFixture } from './testing/webhook-fixture';

/** What keeps delivery cheap under write load: streams read once, outcomes recorded together. */
describe('webhook delivery under load', () => {
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

  it('folds an application’s later events onto what it already saw, reading no stream', async () => {
    const service = f.service();
    await service.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
    const applicationId = await f.submit();
    await f.fanOut(service);
    const reads = jest.spyOn(f.store, 'readStream');

    await f.append(`application-${applicationId}`, 'StageChanged', {
      from: 'applied',
      to: 'recruiter_screen',
      reason: null,
      changedAt: f.clock.now().toISOString(),
      by: 'recruiter-1',
    });
    await f.append(`application-${applicationId}`, 'InterviewScheduled', {
      interviewId: 'call',
      stage: 'recruiter_screen',
      kind: 'recruiter_call',
      interviewerIds: ['interviewer-1'],
      scheduledAt: f.clock.now().toISOString(),
      durationMinutes: 30,
      bookedAt: f.clock.now().toISOString(),
      by: 'recruiter-1',
    });
    await f.append(`application-${applicationId}`, 'InterviewHeld', {
      interviewId: 'call',
      heldAt: f.clock.now().toISOString(),
      recordedAt: f.clock.now().toISOString(),
      by: 'recruiter-1',
    });
    expect(await f.fanOut(service)).toBe(3);

    expect(reads).not.toHaveBeenCalled();
    const held = (await f.deliveries()).find((d) => d.type === 'interview.held');
    expect(held?.payload).toMatchObject({
      data: { applicationId, stage: 'recruiter_screen', kind: 'recruiter_call' },
    });
  });

  it('reads a stream it has not followed, once, after a restart', async () => {
    const first = f.service();
    await first.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
    const applicationId = await f.submit();
    await f.fanOut(first);

    const restarted = f.service();
    const reads = jest.spyOn(f.store, 'readStream');
    await f.append(`application-${applicationId}`, 'ApplicationWithdrawn', {
      stage: 'applied',
      reason: null,
      withdrawnAt: f.clock.now().toISOString(),
      by: 'recruiter-1',
    });
    expect(await restarted.fanOut.catchUp()).toBe(1);

    expect(reads).toHaveBeenCalledTimes(1);
    expect((await f.deliveries()).at(-1)?.payload).toMatchObject({ data: { jobId: expect.any(String) } });
  });

  it('records the outcomes of attempts that end together in one statement', async () => {
    const service = f.service({ perEndpoint: 8 });
    await service.endpoints.createEndpoint({ url: hook.url, events: ['application.submitted'] });
    for (let n = 0; n < 5; n++) await f.submit();
    await f.fanOut(service);
    const claimed = await service.dispatcher.claim(5);
    expect(claimed).toHaveLength(5);
    const statements = jest.spyOn(f.pool, 'query');

    await Promise.all(claimed.map((d) => service.dispatcher.record(d, { kind: 'answered', statusCode: 204 })));

    // The first outcome goes at once; the four that came while it was written go together.
    expect(statements.mock.calls.map(([sql]) => String(sql).trim().slice(0, 12))).toEqual([
      'with outcome',
      'with outcome',
    ]);
    expect((await f.deliveries()).map((d) => d.status)).toEqual(Array(5).fill('delivered'));
  });

  it('records nothing for an attempt whose lease another dispatcher has taken over', async () => {
    const service = f.service();
    await service.endpoints.createEndpoint({ url: hook.url, events: ['application.submitted'] });
    await f.submit();
    await f.fanOut(service);
    const [stale] = await service.dispatcher.claim(1);
    f.clock.advance(120);
    const [current] = await service.dispatcher.claim(1);
    expect(current.id).toBe(stale.id);

    await service.dispatcher.record(stale, { kind: 'answered', statusCode: 500 });
    expect((await f.deliveries())[0]).toMatchObject({ status: 'pending', last_status_code: null });
    await service.dispatcher.record(current, { kind: 'answered', statusCode: 200 });
    expect((await f.deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200 });
  });
});
