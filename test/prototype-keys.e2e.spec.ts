import { EVENT_STORE, type EventStore } from '@app/event-store';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

type Method = 'post' | 'put' | 'delete';

interface WriteRoute {
  method: Method;
  /** With `:job`, `:app` and `:iid` standing for the ids made in beforeAll. */
  path: string;
  /** A body the route would accept on its own, so that only the dangerous key can be at fault. */
  body: Record<string, unknown>;
  auth?: () => string;
}

/** Keys that reach an object's prototype when a body is merged or transformed carelessly (SPEC §4). */
const POISONED: [label: string, field: string, json: (valid: Record<string, unknown>) => string][] = [
  ['a top-level __proto__', '__proto__', (valid) => withKey('"__proto__":{"polluted":true}', valid)],
  [
    'a top-level constructor.prototype',
    'constructor',
    (valid) => withKey('"constructor":{"prototype":{"polluted":true}}', valid),
  ],
  ['a top-level prototype', 'prototype', (valid) => withKey('"prototype":{"polluted":true}', valid)],
  [
    'a __proto__ deep inside an object',
    'deep.inner.__proto__',
    (valid) => withKey('"deep":{"inner":{"__proto__":{"polluted":true}}}', valid),
  ],
  [
    'a constructor inside an array',
    'list[1].constructor',
    (valid) => withKey('"list":[{},{"constructor":{"prototype":{"polluted":true}}}]', valid),
  ],
];

/** The raw JSON text: a literal `__proto__` key cannot be written through an object literal. */
function withKey(entry: string, valid: Record<string, unknown>): string {
  const rest = JSON.stringify(valid).slice(1, -1);
  return `{${entry}${rest ? `,${rest}` : ''}}`;
}

describe('bodies with prototype keys', () => {
  let t: TestApp;
  let store: EventStore;
  let jobId: string;
  let applicationId: string;
  let interviewId: string;

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    const p = pipeline(t);
    jobId = await p.openJob();
    applicationId = await p.submit(jobId);
    await p.move(applicationId, 'recruiter_screen');
    interviewId = await p.schedule(applicationId, 'recruiter_call', ['int-1']);
    await p.held(applicationId, interviewId, '2026-11-23T08:00:00Z');
  });
  afterAll(() => t.close());

  const ROUTES: WriteRoute[] = [
    { method: 'post', path: '/jobs', body: { title: 'Engineer' } },
    { method: 'put', path: '/jobs/:job/team', body: { recruiterIds: ['u1'], hiringManagerIds: [] } },
    { method: 'post', path: '/jobs/:job/close', body: {} },
    {
      method: 'post',
      path: '/applications',
      body: { jobId: '', candidate: { name: 'Ada', email: 'ada.proto@example.com' } },
    },
    {
      method: 'post',
      path: '/applications/:app/interviews',
      body: {
        kind: 'recruiter_call',
        interviewerIds: ['u1'],
        scheduledAt: '2026-11-23T10:00:00Z',
        durationMinutes: 30,
      },
    },
    { method: 'post', path: '/applications/:app/interviews/:iid/held', body: { heldAt: '2026-11-23T08:00:00Z' } },
    { method: 'post', path: '/applications/:app/interviews/:iid/no-show', body: {} },
    { method: 'post', path: '/applications/:app/interviews/:iid/cancel', body: {} },
    {
      method: 'post',
      path: '/applications/:app/interviews/:iid/scorecards',
      body: { rating: 3, recommendation: 'yes' },
      auth: () => t.as('interviewer', 'int-1'),
    },
    { method: 'post', path: '/applications/:app/move', body: { toStage: 'manager_interviews' } },
    { method: 'post', path: '/applications/:app/reject', body: { reasonCode: 'skills_gap' } },
    { method: 'post', path: '/applications/:app/unreject', body: {} },
    { method: 'post', path: '/applications/:app/withdraw', body: {} },
    {
      method: 'post',
      path: '/applications/:app/references',
      body: { refereeName: 'Grace', relationship: 'manager', outcome: 'positive' },
    },
    {
      method: 'post',
      path: '/applications/:app/offer',
      body: { salary: 1000, currency: 'EUR', startDate: '2027-01-01' },
    },
    { method: 'post', path: '/applications/:app/offer/accept', body: {} },
    { method: 'post', path: '/applications/:app/offer/decline', body: {} },
    { method: 'delete', path: '/applications/:app/candidate', body: {}, auth: () => t.as('admin') },
    { method: 'post', path: '/admin/projections/rebuild', body: {}, auth: () => t.as('admin') },
  ];

  const send = (route: WriteRoute, json: string) =>
    t
      .http()
      [route.method](route.path.replace(':job', jobId).replace(':app', applicationId).replace(':iid', interviewId))
      .set('Authorization', route.auth?.() ?? t.as('recruiter', 'rec-1'))
      .set('Content-Type', 'application/json')
      .send(json);

  describe.each(ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s',
    (_, route) => {
      it.each(POISONED)('refuses %s with 400, appending nothing', async (_label, field, json) => {
        const body = route.path === '/applications' ? { ...route.body, jobId } : route.body;
        const before = await store.headPosition();

        const response = await send(route, json(body));

        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
        expect(await store.headPosition()).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      });
    },
  );

  it('still accepts the same bodies without the poisoned key', async () => {
    const response = await send(ROUTES[0], JSON.stringify(ROUTES[0].body));
    expect(response.status).toBe(201);
  });

  it('accepts text that merely mentions the words', async () => {
    const response = await send(ROUTES[0], JSON.stringify({ title: '__proto__ constructor prototype' }));
    expect(response.status).toBe(201);
  });
});
