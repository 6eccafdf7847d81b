import { BELGRADE_WORKING_HOURS } from '@app/hiring';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import { generateTraffic } from '@app/projections/testing/pipeline-traffic';
import { startTestApp, type TestApp } from '../support/app';
import { policyApi } from './support';

/** A change a team might weigh: 24-hour scorecards, booked interviews owed within a day, business hours. */
const PROPOSAL = {
  effectiveFrom: '2026-12-01T00:00:00Z',
  targets: {
    decision: { hours: 40, byStage: { references: 72 } },
    scorecard: { hours: 24 },
    scheduling: { hours: 16, byStage: { cto: null } },
  },
  calendar: {
    type: 'business',
    timeZone: 'Europe/Belgrade',
    workingHours: BELGRADE_WORKING_HOURS,
    holidays: ['2026-11-11'],
  },
  reminders: [0.5],
};

const WINDOWS = [
  { from: '2026-10-01T00:00:00Z', to: '2026-11-20T00:00:00Z' },
  { from: '2026-10-20T00:00:00Z', to: '2026-11-05T00:00:00Z', jobId: undefined as string | undefined },
];

/**
 * SPEC §7: the preview answers what /sla/summary would have answered had the proposed policy always
 * been in force. So a real change to that policy, effective since always, must then make /sla/summary
 * answer exactly what the preview did, on the same history and at the same instant.
 */
describe('previewing a policy', () => {
  let t: TestApp;
  let api: ReturnType<typeof policyApi>;
  let head: number;
  const jobs = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    t = await startTestApp();
    api = policyApi(t);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const traffic = generateTraffic({
      applications: 60,
      jobs,
      interviewers: ['ana', 'ben', 'cyd', 'dee'],
      start: new Date('2026-10-01T00:00:00Z'),
      end: new Date('2026-11-18T00:00:00Z'),
      seed: 5,
    });
    const revisions = new Map<string, number>();
    for (const { applicationId, event } of traffic) {
      const revision = revisions.get(applicationId);
      ({ lastPosition: head } = await store.append(
        `application-${applicationId}`,
        [{ type: event.type, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type], data: { ...event.data } }],
        { expectedRevision: revision ?? 'no_stream' },
      ));
      revisions.set(applicationId, (revision ?? -1) + 1);
    }
    WINDOWS[1].jobId = jobs[0];
    t.clock.set('2026-11-12T15:00:00Z');
  }, 60_000);
  afterAll(() => t.close());

  const cases = WINDOWS.flatMap((window) =>
    (['stage', 'interviewer', 'job'] as const).map((groupBy) => ({ ...window, groupBy })),
  );
  const summary = async (q: (typeof cases)[number]) =>
    (
      await t
        .http()
        .get('/sla/summary')
        .query({ ...q, minPosition: head })
        .set('Authorization', t.as('viewer'))
        .expect(200)
    ).body;
  const preview = async (q: (typeof cases)[number]) => {
    const response = await t
      .http()
      .post('/sla/policy/preview')
      .query({ minPosition: head })
      .set('Authorization', t.as('hiring_manager'))
      .send({ policy: PROPOSAL, ...q })
      .expect(200);
    expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(head);
    return response.body;
  };

  it('answers what the summary answers once the policy is put in force since always, and changes nothing before', async () => {
    const today = await Promise.all(cases.map(summary));
    const previews = await Promise.all(cases.map(preview));
    // The proposal changes the answers, and previewing it changed nothing.
    expect(previews).not.toEqual(today);
    expect(await Promise.all(cases.map(summary))).toEqual(today);
    expect(await api.history()).toHaveLength(1);

    const { version } = await api.put({ ...PROPOSAL, effectiveFrom: '1970-01-01T00:00:00Z' });
    await api.applied(version);
    expect(await Promise.all(cases.map(summary))).toEqual(previews);
  });

  it('counts waits for a booked interview when the proposal owes them, and not when it does not', async () => {
    const screen = async (policy: object) =>
      (
        await t
          .http()
          .post('/sla/policy/preview')
          .set('Authorization', t.as('viewer'))
          .send({ policy, ...WINDOWS[0], groupBy: 'stage' })
          .expect(200)
      ).body.groups.find((g: { key: string }) => g.key === 'recruiter_screen');
    const off = await screen({ ...PROPOSAL, targets: { ...PROPOSAL.targets, scheduling: { hours: null } } });
    const on = await screen(PROPOSAL);
    expect(on.due).toBeGreaterThan(off.due);
  });
});
