import { type TestApp, startTestApp } from '../support/app';
import { webhooks } from './support';

/*
 * The management routes in a process that does not deliver (PROJECTIONS=off: another process runs
 * projections and webhooks), with the default WEBHOOK_ALLOW_PRIVATE=false. Nothing here is sent.
 */
describe('managing webhooks', () => {
  let t: TestApp;
  const PUBLIC_URL = 'https://1.1.1.1/hooks/hiring';
  const UNKNOWN = '0a6f0d5c-5d2e-4a49-9a36-6a1c7c1f0b9e';

  beforeAll(async () => {
    t = await startTestApp({ PROJECTIONS: 'off' });
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object) => {
    const request = t.http().post(path).set('Authorization', webhooks(t).admin);
    return body === undefined ? request : request.send(body);
  };
  const get = (path: string) => t.http().get(path).set('Authorization', webhooks(t).admin);

  it('shows the secret once, at creation, and the webhook without it afterwards', async () => {
    const created = await post('/webhooks', { url: PUBLIC_URL, events: ['webhook.test'] }).expect(201);

    expect(created.body).toEqual({
      id: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
      url: PUBLIC_URL,
      events: ['webhook.test'],
      format: 'standard',
      description: null,
      status: 'active',
      createdAt: t.clock.now().toISOString(),
      disabledReason: null,
      failingSince: null,
    });
    const { secret: _secret, ...shown } = created.body as Record<string, unknown>;
    expect((await get(`/webhooks/${created.body.id}`).expect(200)).body).toEqual(shown);
    expect((await get('/webhooks').expect(200)).body).toContainEqual(shown);
  });

  it.each([
    ['a loopback address', { url: 'http://127.0.0.1:8080/hook', events: ['*'] }, 'url'],
    ['a private address', { url: 'https://10.1.2.3/hook', events: ['*'] }, 'url'],
    ['localhost', { url: 'http://localhost/hook', events: ['*'] }, 'url'],
    ['a scheme other than http and https', { url: 'ftp://1.1.1.1/hook', events: ['*'] }, 'url'],
    ['something that is not a URL', { url: 'hooks please', events: ['*'] }, 'url'],
    ['an unknown event type', { url: PUBLIC_URL, events: ['application.submitted', 'lunch.ordered'] }, 'events'],
    ['no event types', { url: PUBLIC_URL, events: [] }, 'events'],
    ['an unknown format', { url: PUBLIC_URL, events: ['*'], format: 'teams' }, 'format'],
    ['an unknown field', { url: PUBLIC_URL, events: ['*'], secret: 'whsec_mine' }, 'secret'],
    ['no URL', { events: ['*'] }, 'url'],
  ])('refuses %s with 400', async (_, body, field) => {
    const before = (await get('/webhooks').expect(200)).body.length;
    const response = await post('/webhooks', body).expect(400);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect((await get('/webhooks').expect(200)).body).toHaveLength(before);
  });

  it('says which address a refused URL points at', async () => {
    const response = await post('/webhooks', { url: 'http://192.168.1.20/hook', events: ['*'] }).expect(400);
    expect(response.body).toMatchObject({
      type: '/problems/invalid-webhook',
      errors: [{ field: 'url', message: expect.stringContaining('192.168.1.20') }],
    });
  });

  it.each([
    ['get', `/webhooks/${UNKNOWN}`],
    ['get', '/webhooks/not-a-uuid'],
    ['delete', `/webhooks/${UNKNOWN}`],
    ['post', `/webhooks/${UNKNOWN}/enable`],
    ['post', `/webhooks/${UNKNOWN}/disable`],
    ['post', `/webhooks/${UNKNOWN}/test`],
    ['get', `/webhooks/${UNKNOWN}/deliveries`],
    ['post', `/webhooks/${UNKNOWN}/deliveries/${UNKNOWN}/retry`],
  ] as const)('answers %s %s with 404', async (method, path) => {
    const response = await t.http()[method](path).set('Authorization', webhooks(t).admin).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 for a delivery that is not this webhook’s', async () => {
    const { id } = await webhooks(t).create({ url: PUBLIC_URL, events: ['webhook.test'] });
    const response = await post(`/webhooks/${id}/deliveries/${UNKNOWN}/retry`).expect(404);
    expect(response.body.type).toBe('/problems/delivery-not-found');
  });

  it('pages the delivery log newest first, and filters it by status', async () => {
    const { id } = await webhooks(t).create({ url: PUBLIC_URL, events: ['webhook.test'] });
    const queued: string[] = [];
    for (let n = 0; n < 3; n++) {
      queued.push((await post(`/webhooks/${id}/test`).expect(202)).body.deliveryId);
      t.clock.advance(1 / 3600);
    }

    const first = (await get(`/webhooks/${id}/deliveries?limit=2`).expect(200)).body;
    const second = (await get(`/webhooks/${id}/deliveries?limit=2&cursor=${first.nextCursor}`).expect(200)).body;

    expect([...first.items, ...second.items].map((d: { id: string }) => d.id)).toEqual(queued.reverse());
    expect(first.items[0]).toMatchObject({
      type: 'webhook.test',
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
    });
    expect(second.nextCursor).toBeNull();
    expect((await get(`/webhooks/${id}/deliveries?status=delivered`).expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it.each([
    ['a cursor it never gave out', '?cursor=bm90LWEtY3Vyc29y'],
    ['an unknown status', '?status=lost'],
    ['a page size over 100', '?limit=101'],
  ])('refuses %s in the delivery log with 400', async (_, query) => {
    const { id } = await webhooks(t).create({ url: PUBLIC_URL, events: ['webhook.test'] });
    await get(`/webhooks/${id}/deliveries${query}`).expect(400);
  });

  it('disables and enables a webhook, and deletes it with its log', async () => {
    const { id } = await webhooks(t).create({ url: PUBLIC_URL, events: ['webhook.test'] });

    expect((await post(`/webhooks/${id}/disable`).expect(200)).body).toMatchObject({ id, status: 'disabled' });
    expect((await get(`/webhooks/${id}`).expect(200)).body.status).toBe('disabled');
    expect((await post(`/webhooks/${id}/enable`).expect(200)).body).toMatchObject({ id, status: 'active' });
    await post(`/webhooks/${id}/enable`, { now: true }).expect(400);

    await t.http().delete(`/webhooks/${id}`).set('Authorization', webhooks(t).admin).expect(204);
    await get(`/webhooks/${id}`).expect(404);
    await get(`/webhooks/${id}/deliveries`).expect(404);
  });
});
