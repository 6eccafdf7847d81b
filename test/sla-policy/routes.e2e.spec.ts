import { ROLES, type Role } from '@app/platform';
import { startTestApp, type TestApp } from '../support/app';
import { policyApi } from './support';

const dashboards: Role[] = ['recruiter', 'hiring_manager', 'viewer', 'admin'];

const ROUTES: Array<{ method: 'get' | 'put' | 'post'; path: string; body?: object; allowed: readonly Role[] }> = [
  { method: 'get', path: '/sla/policy', allowed: dashboards },
  { method: 'get', path: '/sla/policy/history', allowed: dashboards },
  { method: 'put', path: '/sla/policy', body: {}, allowed: ['admin'] },
  { method: 'post', path: '/sla/policy/preview', body: { policy: {} }, allowed: dashboards },
];

describe('the SLA policy routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SLA_HOURS: '36', SLA_CALENDAR: 'business', SLA_TIMEZONE: 'Europe/Paris' });
  });
  afterAll(() => t.close());

  describe.each(ROUTES)('$method $path', (route) => {
    it.each(ROLES.map((role) => [role, route.allowed.includes(role)] as const))(
      '%s allowed: %s',
      async (role, allowed) => {
        const response = await t.http()[route.method](route.path).set('Authorization', t.as(role)).send(route.body);
        expect(response.status).toBe(allowed ? 200 : 403);
      },
    );

    it('refuses a request without a token', async () => {
      expect((await t.http()[route.method](route.path).send(route.body)).status).toBe(401);
    });
  });

  it('seeds version 1 from SLA_HOURS, SLA_CALENDAR and SLA_TIMEZONE, in force since always', async () => {
    const [first] = await policyApi(t).history();
    expect(first).toMatchObject({
      version: 1,
      effectiveFrom: '1970-01-01T00:00:00.000Z',
      targets: {
        decision: { hours: 36, byStage: {} },
        scorecard: { hours: 36, byStage: {} },
        scheduling: { hours: null },
      },
      calendar: { type: 'business', timeZone: 'Europe/Paris', holidays: [] },
      reminders: [0.5, 0.75],
      changedBy: 'configuration',
    });
  });
});
