import { sqlOf } from '@app/projections';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';
import { dashboard, policyApi, rebuildReadModel } from './support';

/**
 * SPEC §7: a version with an effectiveFrom in the past re-judges the obligations started since then,
 * everywhere they show: the breach list, the summary and the application itself. Obligations that
 * started before it keep the version of their day.
 */
describe('a policy change effective in the past', () => {
  let t: TestApp;
  let api: ReturnType<typeof policyApi>;
  let late: string;
  let earlier: string;
  let written: number;
  const summaryWindow = { from: '2026-10-20T00:00:00Z', to: '2026-11-15T00:00:00Z', groupBy: 'stage' };

  beforeAll(async () => {
    t = await startTestApp();
    api = policyApi(t);
    const p = pipeline(t);
    t.clock.set('2026-10-20T09:00:00Z');
    const jobId = await p.openJob();
    // Submitted before the change's effectiveFrom, decided 30 hours later: on time under 48 hours.
    t.clock.set('2026-10-26T09:00:00Z');
    earlier = await p.submit(jobId);
    t.clock.set('2026-10-27T15:00:00Z');
    await p.move(earlier, 'recruiter_screen');
    // Submitted Monday 2 November 09:00, moved on Thursday 09:00: 72 hours, a breach under 48.
    t.clock.set('2026-11-02T09:00:00Z');
    late = await p.submit(jobId);
    t.clock.set('2026-11-05T09:00:00Z');
    written = (await p.move(late, 'recruiter_screen')).position;
    t.clock.set('2026-11-23T09:00:00Z');
  });
  afterAll(() => t.close());

  const breachesOn4November = async () =>
    (await dashboard(t, '/sla/breaches', { asOf: '2026-11-04T12:00:00Z', minPosition: written })).items as Array<{
      applicationId: string;
      dueAt: string;
      overdueHours: number;
    }>;
  const appliedStage = async () =>
    (await dashboard(t, '/sla/summary', { ...summaryWindow, minPosition: written })).groups.find(
      (g: { key: string }) => g.key === 'applied',
    );
  const decisionOf = async (id: string) => (await pipeline(t).get(id)).obligations[0];

  it('is a breach under the seeded 48 hours', async () => {
    await api.applied(1);
    expect(await breachesOn4November()).toEqual([
      expect.objectContaining({ applicationId: late, dueAt: '2026-11-04T09:00:00.000Z', overdueHours: 3 }),
    ]);
    expect(await appliedStage()).toMatchObject({ metOnTime: 1, metLate: 1, breachedOpen: 0 });
    expect(await decisionOf(late)).toMatchObject({ dueAt: '2026-11-04T09:00:00.000Z', policyVersion: 1 });
  });

  it('is met on time once a longer target applies from before it started', async () => {
    const { version } = await api.put({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { decision: { hours: 96 } } });
    // GET /applications/:id folds the streams: it answers with the new version at once.
    expect(await decisionOf(late)).toMatchObject({
      startedAt: '2026-11-02T09:00:00.000Z',
      dueAt: '2026-11-06T09:00:00.000Z',
      satisfiedAt: '2026-11-05T09:00:00.000Z',
      targetHours: 96,
      policyVersion: version,
    });
    await api.applied(version);
    expect(await breachesOn4November()).toEqual([]);
    expect(await appliedStage()).toMatchObject({ metOnTime: 2, metLate: 0, breachedOpen: 0, complianceRate: 1 });
  });

  it('leaves obligations that started before the effectiveFrom to the version of their day', async () => {
    expect(await decisionOf(earlier)).toMatchObject({ dueAt: '2026-10-28T09:00:00.000Z', policyVersion: 1 });
  });

  it('is a breach again, sooner, once a shorter target applies from the same moment', async () => {
    const { version } = await api.put({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { decision: { hours: 24 } } });
    await api.applied(version);
    expect(await breachesOn4November()).toEqual([
      expect.objectContaining({ applicationId: late, dueAt: '2026-11-03T09:00:00.000Z', overdueHours: 27 }),
    ]);
    expect(await appliedStage()).toMatchObject({ metOnTime: 1, metLate: 1, complianceRate: 0.5 });
    expect(await decisionOf(late)).toMatchObject({ dueAt: '2026-11-03T09:00:00.000Z', policyVersion: version });
    expect(await decisionOf(earlier)).toMatchObject({ dueAt: '2026-10-28T09:00:00.000Z', policyVersion: 1 });
  });

  it('re-judges the read model exactly as a rebuild from the log judges it', async () => {
    const sql = sqlOf(t.app.get(DataSource));
    const dump = () =>
      sql.query(
        `select application_id, obligation_id, kind, started_at, due_at, satisfied_at, policy_version, target_hours
           from read_model.obligations order by 1, 2`,
      );
    const live = await dump();
    expect(live.length).toBeGreaterThanOrEqual(2);
    await rebuildReadModel(t);
    expect(await dump()).toEqual(live);
  });
});
