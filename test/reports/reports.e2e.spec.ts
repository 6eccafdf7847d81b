import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';

/**
 * SPEC §8 through the real app: the reports, their CSV form, CSV of the SLA lists, the gauges.
 * The test clock starts on Monday 23 November 2026, 09:00 UTC.
 */
describe('reports and the SLA gauges', () => {
  let t: TestApp;
  let jobId: string;
  let position = 0;
  const viewer = () => t.as('viewer', 'viewer-1');
  const get = (path: string, accept = 'application/json') =>
    t.http().get(path).set('Authorization', viewer()).set('Accept', accept);

  beforeAll(async () => {
    t = await startTestApp();
    const p = pipeline(t);
    jobId = await p.openJob();
    const ada = await p.submit(jobId, 'ada@example.com', 'Ada Lovelace');
    const ben = await p.submit(jobId, 'ben@example.com', 'Ben Bitdiddle');
    t.clock.advance(6);
    await p.move(ada, 'recruiter_screen');
    t.clock.advance(2);
    await p.post(`/applications/${ben}/reject`, { reasonCode: 'skills_gap' }, 200);
    // After the reports' window: a candidate whose name would be a formula in a spreadsheet.
    t.clock.set('2026-11-24T10:00:00Z');
    position = (
      await p.post('/applications', { jobId, candidate: { name: '=HYPERLINK("x")', email: 'cy@example.com' } }, 201)
    ).position;
  });
  afterAll(() => t.close());

  const window = () => `from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z&jobId=${jobId}&minPosition=${position}`;

  it('answers time in stage per stage, measured on the calendar clock by default', async () => {
    const { body } = await get(`/reports/time-in-stage?${window()}`).expect(200);
    expect(body.stages.find((s: { stage: string }) => s.stage === 'applied')).toEqual({
      stage: 'applied',
      visits: 2,
      medianHours: 7,
      p90Hours: 7.8,
      meanHours: 7,
      stillIn: 0,
    });
    expect(body.stages.find((s: { stage: string }) => s.stage === 'recruiter_screen')).toMatchObject({
      visits: 0,
      stillIn: 1,
    });
  });

  it('measures on the business clock with the policy’s working hours', async () => {
    const { body } = await get(`/reports/time-in-stage?${window()}&clock=business`).expect(200);
    // Monday is a whole working day under the default policy, so both clocks agree on it.
    expect(body.stages[0]).toMatchObject({ stage: 'applied', visits: 2, medianHours: 7 });
  });

  it('answers the funnel with outcomes and rejection reasons', async () => {
    const { body } = await get(`/reports/funnel?${window()}`).expect(200);
    expect(body.stages.slice(0, 2)).toEqual([
      { stage: 'applied', reached: 2, conversion: null },
      { stage: 'recruiter_screen', reached: 1, conversion: 0.5 },
    ]);
    expect(body.outcomes).toEqual({ active: 1, hired: 0, rejected: 1, withdrawn: 0 });
    expect(body.rejections).toEqual([{ stage: 'applied', reasonCode: 'skills_gap', count: 1 }]);
  });

  it('answers text/csv with a header row when asked', async () => {
    const response = await get(`/reports/time-in-stage?${window()}`, 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('from,to,stage,visits,medianHours,p90Hours,meanHours,stillIn');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe('2026-11-23T00:00:00.000Z,2026-11-24T00:00:00.000Z,applied,2,7,7.8,7,0');
  });

  it('answers the funnel, the breach list and the summary as CSV too', async () => {
    const funnel = await get(`/reports/funnel?${window()}`, 'text/csv').expect(200);
    expect(funnel.text.split('\r\n')).toContain('rejection,applied,,,,1,skills_gap');
    t.clock.set('2026-11-26T11:00:00Z');
    const breaches = await get(`/sla/breaches?jobId=${jobId}`, 'text/csv').expect(200);
    const rows = breaches.text.trim().split('\r\n');
    expect(rows[0]).toMatch(/^applicationId,jobId,candidateName,stage,kind/);
    expect(rows).toHaveLength(2);
    const summary = await get(`/sla/summary?groupBy=stage&jobId=${jobId}`, 'text/csv').expect(200);
    expect(summary.text.split('\r\n')[0]).toBe('key,due,metOnTime,metLate,breachedOpen,complianceRate');
  });

  it('keeps formulas out of CSV cells', async () => {
    t.clock.set('2026-11-25T10:00:00Z');
    const { text } = await get(`/sla/at-risk?jobId=${jobId}&withinHours=48`, 'text/csv').expect(200);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('prefers JSON when the client accepts anything', async () => {
    const response = await get(`/reports/funnel?${window()}`, '*/*').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses a window that ends before it starts, and an unknown clock', async () => {
    await get('/reports/funnel?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z').expect(400);
    const { body } = await get('/reports/time-in-stage?clock=sundial').expect(400);
    expect(body.errors[0].field).toBe('clock');
  });

  it('exports open, at-risk and breached obligations as gauges', async () => {
    t.clock.set('2026-11-25T12:00:00Z');
    const before = (await t.http().get('/metrics').expect(200)).text;
    expect(before).toMatch(/sla_obligations\{kind="decision",stage="applied",state="open"\} 1/);
    expect(before).toMatch(/sla_obligations\{kind="decision",stage="applied",state="at_risk"\} 1/);
    expect(before).toMatch(/sla_obligations\{kind="decision",stage="applied",state="breached"\} 0/);
    t.clock.set('2026-11-26T11:00:00Z');
    const after = (await t.http().get('/metrics').expect(200)).text;
    expect(after).toMatch(/sla_obligations\{kind="decision",stage="applied",state="at_risk"\} 0/);
    expect(after).toMatch(/sla_obligations\{kind="decision",stage="applied",state="breached"\} 1/);
  });

  it('serves every metric the provisioned Grafana dashboard charts', async () => {
    const dashboard = JSON.parse(readFileSync('docker/grafana/dashboards/hiring-sla.json', 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const charted = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => target.expr.match(/\b(sla|projection)_[a-z_]+/g) ?? []),
    );
    expect(charted.length).toBeGreaterThan(0);
    const { text } = await t.http().get('/metrics').expect(200);
    for (const metric of new Set(charted)) expect(text).toContain(`# TYPE ${metric} gauge`);
  });
});
