import { startTestApp, type TestApp } from '../support/app';
import { pipeline } from '../support/pipeline';
import { dashboard, policyApi } from './support';

/**
 * SPEC §7: `targets.scheduling.hours` turns on the third kind, owed from entering an interview stage
 * with nothing booked; switching it on or off with an effectiveFrom in the past re-judges the waits
 * that started since.
 */
describe('the scheduling kind switched on and off', () => {
  let t: TestApp;
  let api: ReturnType<typeof policyApi>;
  let waiting: string;
  let booked: string;
  let written: number;
  const window = { from: '2026-11-01T00:00:00Z', to: '2026-11-10T00:00:00Z', groupBy: 'stage' };

  beforeAll(async () => {
    t = await startTestApp();
    api = policyApi(t);
    const p = pipeline(t);
    t.clock.set('2026-11-02T09:00:00Z');
    const jobId = await p.openJob();
    waiting = await p.submit(jobId);
    booked = await p.submit(jobId);
    t.clock.set('2026-11-02T09:30:00Z');
    await p.move(waiting, 'recruiter_screen');
    await p.move(booked, 'recruiter_screen');
    t.clock.set('2026-11-02T15:30:00Z');
    await p.schedule(booked, 'recruiter_call', ['ivana'], '2026-11-04T10:00:00Z');
    written = (await p.post(`/applications/${booked}/withdraw`, {}, 200)).position;
    t.clock.set('2026-11-23T09:00:00Z');
  });
  afterAll(() => t.close());

  const schedulingOf = async (id: string) =>
    (await pipeline(t).get(id)).obligations.filter((o: { kind: string }) => o.kind === 'scheduling');
  const breaches = async () =>
    (await dashboard(t, '/sla/breaches', { asOf: '2026-11-05T00:00:00Z', minPosition: written })).items;
  const screenGroup = async () =>
    (await dashboard(t, '/sla/summary', { ...window, minPosition: written })).groups.find(
      (g: { key: string }) => g.key === 'recruiter_screen',
    );

  it('owes nothing for a wait to be booked while scheduling is off', async () => {
    expect(await schedulingOf(waiting)).toEqual([]);
    expect(await breaches()).toEqual([]);
    expect(await screenGroup()).toBeUndefined();
  });

  it('owes a booked interview from entering the stage once a version turns scheduling on', async () => {
    const { version } = await api.put({
      effectiveFrom: '2026-11-01T00:00:00Z',
      targets: { scheduling: { hours: 24 } },
    });
    expect(await schedulingOf(waiting)).toEqual([
      expect.objectContaining({
        id: 'scheduling:0',
        stage: 'recruiter_screen',
        startedAt: '2026-11-02T09:30:00.000Z',
        dueAt: '2026-11-03T09:30:00.000Z',
        satisfiedAt: null,
        policyVersion: version,
      }),
    ]);
    expect(await schedulingOf(booked)).toEqual([
      expect.objectContaining({ satisfiedAt: '2026-11-02T15:30:00.000Z', dueAt: '2026-11-03T09:30:00.000Z' }),
    ]);
    await api.applied(version);
    expect(await breaches()).toEqual([
      expect.objectContaining({
        applicationId: waiting,
        kind: 'scheduling',
        stage: 'recruiter_screen',
        overdueHours: 38.5,
      }),
    ]);
    expect(await screenGroup()).toMatchObject({ metOnTime: 1, breachedOpen: 1, complianceRate: 0.5 });
  });

  it('owes none of it again once a later version turns scheduling off from the same moment', async () => {
    const { version } = await api.put({ effectiveFrom: '2026-11-01T00:00:00Z' });
    expect(await schedulingOf(waiting)).toEqual([]);
    await api.applied(version);
    expect(await breaches()).toEqual([]);
    expect(await screenGroup()).toBeUndefined();
  });
});
