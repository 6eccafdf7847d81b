import { DeliveryNotFound, InvalidDeliveryCursor, InvalidWebhook, WebhookNotFound } from './errors';
import { type Receiver, startReceiver } from './testing/receiver';
import { type WebhookFixture, openWebhookFixture } from './testing/webhook-fixture';
import { validateCreateWebhook } from './validation';
import type { WebhookService } from './webhook-service';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('managing webhooks', () => {
  let f: WebhookFixture;
  let hook: Receiver;
  let service: WebhookService;
  beforeEach(async () => {
    f = await openWebhookFixture();
    hook = await startReceiver((n) => (n === 0 ? 500 : 200));
    service = f.service({ retrySchedule: [60] });
  });
  afterEach(async () => {
    await f.close();
    await hook.close();
  });

  it('shows the secret only when the endpoint is created', async () => {
    const { endpoint, secret } = await service.endpoints.createEndpoint({
      url: hook.url,
      events: ['*'],
      description: 'ops',
    });
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toEqual({
      id: expect.any(String),
      url: hook.url,
      events: ['*'],
      format: 'standard',
      description: 'ops',
      status: 'active',
      createdAt: f.clock.now().toISOString(),
      disabledReason: null,
      failingSince: null,
    });
    expect(await service.endpoints.getEndpoint(endpoint.id)).toEqual(endpoint);
    expect(await service.endpoints.listEndpoints()).toEqual([endpoint]);
    expect(JSON.stringify(await service.endpoints.listEndpoints())).not.toContain(secret);
  });

  it('refuses a create body with field-level problems', async () => {
    const problems = await validateCreateWebhook(
      {
        url: 'http://10.0.0.1/in',
        events: ['application.submitted', 'application.exploded'],
        format: 'teams',
        extra: 1,
      },
      { allowPrivate: false },
    );
    expect(problems).toEqual({
      ok: false,
      problems: expect.arrayContaining([
        { field: 'extra', message: 'is not a known field' },
        { field: 'url', message: expect.stringContaining('private') },
        { field: 'events[1]', message: '"application.exploded" is not a webhook event type' },
        { field: 'format', message: 'must be one of standard, slack' },
      ]),
    });
    await expect(validateCreateWebhook({ url: hook.url, events: [] }, { allowPrivate: true })).resolves.toMatchObject({
      ok: false,
      problems: [{ field: 'events' }],
    });
    const guarded = f.service({ allowPrivate: false });
    await expect(guarded.endpoints.createEndpoint({ url: hook.url, events: ['*'] })).rejects.toBeInstanceOf(
      InvalidWebhook,
    );
  });

  it('answers not found for unknown endpoints and deliveries, with a code', async () => {
    await expect(service.endpoints.getEndpoint(MISSING)).rejects.toMatchObject({ code: 'webhook-not-found' });
    await expect(service.endpoints.getEndpoint('not-a-uuid')).rejects.toBeInstanceOf(WebhookNotFound);
    await expect(service.endpoints.deleteEndpoint(MISSING)).rejects.toBeInstanceOf(WebhookNotFound);
    await expect(service.endpoints.enqueueTest(MISSING)).rejects.toBeInstanceOf(WebhookNotFound);
    await expect(service.deliveries.listDeliveries(MISSING)).rejects.toBeInstanceOf(WebhookNotFound);
    const { endpoint } = await service.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
    await expect(service.deliveries.retryDelivery(endpoint.id, MISSING)).rejects.toMatchObject({
      code: 'delivery-not-found',
    });
    await expect(service.deliveries.retryDelivery(endpoint.id, MISSING)).rejects.toBeInstanceOf(DeliveryNotFound);
    await expect(service.deliveries.listDeliveries(endpoint.id, { cursor: 'bogus' })).rejects.toBeInstanceOf(
      InvalidDeliveryCursor,
    );
  });

  it('delivers a test event on request', async () => {
    const { endpoint } = await service.endpoints.createEndpoint({ url: hook.url, events: ['application.hired'] });
    const { eventId } = await service.endpoints.enqueueTest(endpoint.id);
    await service.dispatcher.dispatchDue();
    f.clock.advance(60);
    await service.dispatcher.dispatchDue();
    expect(hook.received.map((r) => [r.headers['webhook-id'], JSON.parse(r.body)])).toEqual([
      [eventId, { type: 'webhook.test', timestamp: expect.any(String), data: { webhookId: endpoint.id } }],
      [eventId, { type: 'webhook.test', timestamp: expect.any(String), data: { webhookId: endpoint.id } }],
    ]);
  });

  it('lists deliveries newest first, a page at a time, filtered by status', async () => {
    const { endpoint } = await service.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
    for (let n = 0; n < 5; n++) {
      await service.endpoints.enqueueTest(endpoint.id);
      f.clock.advance(1);
    }
    await service.dispatcher.dispatchDue();
    const first = await service.deliveries.listDeliveries(endpoint.id, { limit: 2 });
    const second = await service.deliveries.listDeliveries(endpoint.id, { limit: 2, cursor: first.nextCursor });
    const third = await service.deliveries.listDeliveries(endpoint.id, { limit: 2, cursor: second.nextCursor });
    const all = [...first.items, ...second.items, ...third.items];
    expect(all).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    expect(new Set(all.map((d) => d.id)).size).toBe(5);
    expect(all.map((d) => d.createdAt)).toEqual([...all.map((d) => d.createdAt)].sort().reverse());
    expect(all[0]).toEqual({
      id: expect.any(String),
      eventId: expect.stringMatching(/^msg_/),
      type: 'webhook.test',
      status: 'delivered',
      attempts: 1,
      lastAttemptAt: f.clock.now().toISOString(),
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      createdAt: expect.any(String),
    });
    const pending = await service.deliveries.listDeliveries(endpoint.id, { status: 'pending' });
    expect(pending.items).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, lastStatusCode: 500 })]);
  });

  it('makes a failed delivery due again on retry, with the same webhook-id', async () => {
    const failing = f.service({ retrySchedule: [] });
    const { endpoint } = await failing.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
    const { deliveryId, eventId } = await failing.endpoints.enqueueTest(endpoint.id);
    await failing.dispatcher.dispatchDue();
    expect((await failing.deliveries.listDeliveries(endpoint.id)).items[0]).toMatchObject({ status: 'failed' });
    await failing.deliveries.retryDelivery(endpoint.id, deliveryId);
    expect(await failing.dispatcher.dispatchDue()).toBe(1);
    expect((await failing.deliveries.listDeliveries(endpoint.id)).items[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
    expect(hook.received.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId]);
  });

  it('sends a disabled endpoint nothing, and on enabling only what happens from then on', async () => {
    const { endpoint } = await service.endpoints.createEndpoint({ url: hook.url, events: ['application.submitted'] });
    await service.endpoints.setEndpointStatus(endpoint.id, 'disabled');
    expect(await service.endpoints.getEndpoint(endpoint.id)).toMatchObject({ status: 'disabled' });
    await f.submit('While off');
    await service.endpoints.setEndpointStatus(endpoint.id, 'active');
    const after = await f.submit('Back on');
    await f.fanOut(service);
    expect(
      (await f.deliveries(endpoint.id)).map((d) => (d.payload.data as { applicationId: string }).applicationId),
    ).toEqual([after]);
  });

  it('deletes an endpoint with its deliveries', async () => {
    const { endpoint } = await service.endpoints.createEndpoint({ url: hook.url, events: ['*'] });
    await service.endpoints.enqueueTest(endpoint.id);
    await service.endpoints.deleteEndpoint(endpoint.id);
    await expect(service.endpoints.getEndpoint(endpoint.id)).rejects.toBeInstanceOf(WebhookNotFound);
    expect(await f.deliveries()).toEqual([]);
  });
});
