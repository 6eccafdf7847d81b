import { startTestApp, type TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';
import { dashboard, policyApi } from './support';

/**
 * SPEC §7: a version effective in the future changes nothing until then; obligations that start
 * after its effectiveFrom are judged by it, with no restart and no work queued in between.
 */
describe('a policy change effective in the future', () => {
  let t: TestApp;
  let api: ReturnType<typeof policyApi>;
  let version: number;
  let before: string;
  let after: string;
  let written: number;

  beforeAll(async () => {
    t = await startTestApp();
    api = policyApi(t);
    const p = pipeline(t);
    t.clock.set('2026-11-23T09:00:00Z');
    const jobId = await p.openJob();
    ({ version } = await api.put({ effectiveFrom: '2026-11-25T00:00:00Z', targets: { decision: { hours: 24 } } }));
    before = await p.submit(jobId);
    t.clock.set('2026-11-25T06:00:00Z');
    after = await p.submit(jobId);
    const events = await t.http().get(`/applications/${after}/events`).set('Authorization', t.as('admin'));
    written = events.body.at(-1).position;
  });
  afterAll(() => t.close());

  it('judges an obligation that started before its effectiveFrom by the version then in force', async () => {
    expect((await pipeline(t).get(before)).obligations[0]).toMatchObject({
      startedAt: '2026-11-23T09:00:00.000Z',
      dueAt: '2026-11-25T09:00:00.000Z',
      policyVersion: version - 1,
    });
  });

  it('judges one that starts once the clock has passed it by the new version', async () => {
    expect((await pipeline(t).get(after)).obligations[0]).toMatchObject({
      startedAt: '2026-11-25T06:00:00.000Z',
      dueAt: '2026-11-26T06:00:00.000Z',
      policyVersion: version,
    });
  });

  it('shows the same in the breach list', async () => {
    const breaches = await dashboard(t, '/sla/breaches', { asOf: '2026-11-25T10:00:00Z', minPosition: written });
    expect(breaches.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([before]);
    const later = await dashboard(t, '/sla/breaches', { asOf: '2026-11-26T07:00:00Z', minPosition: written });
    expect(later.items.map((i: { applicationId: string; dueAt: string }) => [i.applicationId, i.dueAt])).toEqual([
      [before, '2026-11-25T09:00:00.000Z'],
      [after, '2026-11-26T06:00:00.000Z'],
    ]);
  });

  it('becomes the version GET /sla/policy answers when the clock passes its effectiveFrom', async () => {
    t.clock.set('2026-11-24T23:59:59Z');
    expect((await api.current()).version).toBe(version - 1);
    t.clock.set('2026-11-25T00:00:00Z');
    expect((await api.current()).version).toBe(version);
  });

  it('needs no re-judging: the read model judges by it as soon as it has reached it', async () => {
    await api.applied(version);
    expect((await api.history()).every((v) => v.applied)).toBe(true);
  });
});
