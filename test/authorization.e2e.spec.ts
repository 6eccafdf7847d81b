import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@app/platform';
import { startTestApp, TEST_SECRET, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

type Method = 'get' | 'post' | 'put' | 'delete';
interface Route {
  method: Method;
  path: string;
  body?: object;
  allowed: readonly Role[];
}

const id = randomUUID();
const iid = randomUUID();
const deciders: Role[] = ['recruiter', 'hiring_manager', 'admin'];

// SPEC §4's role table, route by route. Ids name nothing, so an allowed role gets past the guard
// and meets 404 (or 201 where the route creates something), a refused role meets 403.
const ROUTES: Route[] = [
  { method: 'post', path: '/jobs', body: { title: 'Engineer' }, allowed: deciders },
  { method: 'post', path: `/jobs/${id}/close`, allowed: deciders },
  { method: 'put', path: `/jobs/${id}/team`, body: { recruiterIds: ['u1'], hiringManagerIds: [] }, allowed: deciders },
  { method: 'get', path: `/jobs/${id}`, allowed: ROLES },
  {
    method: 'post',
    path: '/applications',
    body: { jobId: id, candidate: { name: 'A', email: 'a@example.com' } },
    allowed: ['recruiter', 'admin'],
  },
  { method: 'get', path: `/applications/${id}`, allowed: ['recruiter', 'hiring_manager', 'interviewer', 'admin'] },
  {
    method: 'get',
    path: `/applications/${id}/events`,
    allowed: ['recruiter', 'hiring_manager', 'interviewer', 'admin'],
  },
  {
    method: 'post',
    path: `/applications/${id}/interviews`,
    body: { kind: 'recruiter_call', interviewerIds: ['u1'], scheduledAt: '2026-11-24T10:00:00Z', durationMinutes: 30 },
    allowed: deciders,
  },
  {
    method: 'post',
    path: `/applications/${id}/interviews/${iid}/held`,
    body: { heldAt: '2026-11-23T10:00:00Z' },
    allowed: deciders,
  },
  { method: 'post', path: `/applications/${id}/interviews/${iid}/no-show`, allowed: deciders },
  { method: 'post', path: `/applications/${id}/interviews/${iid}/cancel`, allowed: deciders },
  {
    method: 'post',
    path: `/applications/${id}/interviews/${iid}/scorecards`,
    body: { rating: 3, recommendation: 'yes' },
    allowed: ['recruiter', 'hiring_manager', 'interviewer', 'admin'],
  },
  { method: 'post', path: `/applications/${id}/move`, body: { toStage: 'recruiter_screen' }, allowed: deciders },
  { method: 'post', path: `/applications/${id}/reject`, body: { reasonCode: 'skills_gap' }, allowed: deciders },
  { method: 'post', path: `/applications/${id}/unreject`, allowed: deciders },
  { method: 'post', path: `/applications/${id}/withdraw`, allowed: deciders },
  {
    method: 'post',
    path: `/applications/${id}/references`,
    body: { refereeName: 'G', relationship: 'manager', outcome: 'positive' },
    allowed: deciders,
  },
  {
    method: 'post',
    path: `/applications/${id}/offer`,
    body: { salary: 1, currency: 'EUR', startDate: '2027-01-01' },
    allowed: deciders,
  },
  {
    method: 'post',
    path: `/applications/${id}/candidate-updates`,
    body: { channel: 'email', summary: 'We decide by Friday.' },
    allowed: deciders,
  },
  { method: 'post', path: `/applications/${id}/offer/accept`, allowed: deciders },
  { method: 'post', path: `/applications/${id}/offer/decline`, allowed: deciders },
  { method: 'delete', path: `/applications/${id}/candidate`, allowed: ['admin'] },
  { method: 'get', path: '/applications', allowed: ['recruiter', 'hiring_manager', 'interviewer', 'admin'] },
  { method: 'get', path: '/jobs', allowed: ROLES },
  { method: 'get', path: '/pipeline', allowed: ['recruiter', 'hiring_manager', 'viewer', 'admin'] },
  { method: 'get', path: '/sla/breaches', allowed: ['recruiter', 'hiring_manager', 'viewer', 'admin'] },
  { method: 'get', path: '/sla/at-risk', allowed: ['recruiter', 'hiring_manager', 'viewer', 'admin'] },
  { method: 'get', path: '/reports/time-in-stage', allowed: ['recruiter', 'hiring_manager', 'viewer', 'admin'] },
  { method: 'get', path: '/reports/funnel', allowed: ['recruiter', 'hiring_manager', 'viewer', 'admin'] },
  { method: 'get', path: '/sla/summary', allowed: ['recruiter', 'hiring_manager', 'viewer', 'admin'] },
  // Everyone has an inbox of their own (SPEC §6).
  { method: 'get', path: '/me/obligations', allowed: ROLES },
  { method: 'post', path: '/admin/projections/rebuild', allowed: ['admin'] },
  // Subscribed only to webhook.test, which no write produces: nothing is ever sent to it.
  {
    method: 'post',
    path: '/webhooks',
    body: { url: 'https://1.1.1.1/hooks', events: ['webhook.test'] },
    allowed: ['admin'],
  },
  { method: 'get', path: '/webhooks', allowed: ['admin'] },
  { method: 'get', path: `/webhooks/${id}`, allowed: ['admin'] },
  { method: 'delete', path: `/webhooks/${id}`, allowed: ['admin'] },
  { method: 'post', path: `/webhooks/${id}/enable`, allowed: ['admin'] },
  { method: 'post', path: `/webhooks/${id}/disable`, allowed: ['admin'] },
  { method: 'post', path: `/webhooks/${id}/test`, allowed: ['admin'] },
  { method: 'get', path: `/webhooks/${id}/deliveries`, allowed: ['admin'] },
  { method: 'post', path: `/webhooks/${id}/deliveries/${iid}/retry`, allowed: ['admin'] },
];

describe('who may do what', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const call = (route: Route, authorization?: string) => {
    const req = t.http()[route.method](route.path);
    if (authorization) req.set('Authorization', authorization);
    return route.body ? req.send(route.body) : req;
  };

  describe.each(ROUTES)('$method $path', (route) => {
    it.each(ROLES.map((role) => [role, route.allowed.includes(role)] as const))(
      '%s allowed: %s',
      async (role, allowed) => {
        const response = await call(route, t.as(role));
        if (allowed) {
          expect([200, 201, 202, 404]).toContain(response.status);
        } else {
          expect(response.status).toBe(403);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      },
    );

    it('refuses a request without a token', async () => {
      const response = await call(route);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 401, type: expect.any(String), title: 'Unauthorized' });
    });
  });

  describe('tokens', () => {
    const route = ROUTES[2];
    const unsigned = (claims: object) =>
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

    it.each([
      ['alg none', `Bearer ${unsigned({ sub: 'u1', role: 'admin' })}`],
      [
        'another secret',
        `Bearer ${new JwtService({ secret: 'some-other-secret-entirely' }).sign({ sub: 'u1', role: 'admin' })}`,
      ],
      [
        'an expired token',
        `Bearer ${new JwtService({ secret: TEST_SECRET }).sign({ sub: 'u1', role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 })}`,
      ],
      ['no subject', `Bearer ${new JwtService({ secret: TEST_SECRET }).sign({ role: 'admin' })}`],
      ['a malformed header', 'Token abc'],
    ])('refuses %s with 401', async (_, authorization) => {
      expect((await call(route, authorization)).status).toBe(401);
    });

    it('refuses a token with an unknown role with 401', async () => {
      const token = new JwtService({ secret: TEST_SECRET }).sign({ sub: 'u1', role: 'superuser' });
      expect((await call(route, `Bearer ${token}`)).status).toBe(401);
    });

    it('lets anyone read health, metrics and the API docs', async () => {
      await t.http().get('/health').expect(200);
      await t
        .http()
        .get('/metrics')
        .expect(200)
        .expect('Content-Type', /text\/plain/);
      await t.http().get('/docs-json').expect(200);
      await t.http().get('/docs').expect(200);
    });
  });

  describe('"own" rules', () => {
    it('lets an interviewer read only the applications they interview', async () => {
      const p = pipeline(t);
      const jobId = await p.openJob();
      const applicationId = await p.submit(jobId);
      await p.move(applicationId, 'recruiter_screen');
      await p.schedule(applicationId, 'recruiter_call', ['int-7']);

      await t
        .http()
        .get(`/applications/${applicationId}`)
        .set('Authorization', t.as('interviewer', 'int-7'))
        .expect(200);
      await t
        .http()
        .get(`/applications/${applicationId}/events`)
        .set('Authorization', t.as('interviewer', 'int-7'))
        .expect(200);
      await t
        .http()
        .get(`/applications/${applicationId}`)
        .set('Authorization', t.as('interviewer', 'int-8'))
        .expect(403);
      await t
        .http()
        .get(`/applications/${applicationId}/events`)
        .set('Authorization', t.as('interviewer', 'int-8'))
        .expect(403);
    });

    it('accepts a scorecard only from one of the interview’s interviewers, whatever their role', async () => {
      const p = pipeline(t);
      const applicationId = await p.submit(await p.openJob());
      await p.move(applicationId, 'recruiter_screen');
      const interviewId = await p.schedule(applicationId, 'recruiter_call', ['hm-1']);
      await p.held(applicationId, interviewId, '2026-11-23T08:00:00Z');
      const path = `/applications/${applicationId}/interviews/${interviewId}/scorecards`;
      const body = { rating: 4, recommendation: 'strong_yes' };

      const stranger = await t.http().post(path).set('Authorization', t.as('admin', 'admin-1')).send(body);
      expect(stranger.status).toBe(403);
      await t.http().post(path).set('Authorization', t.as('hiring_manager', 'hm-1')).send(body).expect(201);
    });
  });
});
