import { randomUUID } from 'node:crypto';
import {
  type Application,
  type ApplicationEvent,
  DEFAULT_SLA_POLICY,
  EVENT_SCHEMA_VERSIONS,
  type Obligation,
  evolveApplication,
  initialApplicationState,
  isAtRisk,
  isBreached,
  obligations,
  outcome,
} from '@app/hiring';
import { type GeneratedEvent, generateTraffic } from '../testing/pipeline-traffic';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { listApplications } from './applications';
import { pipelineAt } from './pipeline';
import { atRiskAt, breachesAt } from './sla-lists';
import { slaSummary } from './sla-summary';

/**
 * Generated traffic (every event decided by the domain), projected, then every dashboard query
 * compared with the domain's own answer — obligations(), isBreached, isAtRisk, outcome, the folded
 * state — at instants before, during and after the traffic.
 */
describe('dashboard queries agree with the domain', () => {
  let f: ReadModelFixture;
  let traffic: GeneratedEvent[];
  const jobs = [randomUUID(), randomUUID()];
  const start = new Date('2026-10-01T00:00:00.000Z');
  const end = new Date('2026-11-20T00:00:00.000Z');
  const instants = [
    '2026-10-05T12:00:00.000Z',
    '2026-10-20T08:30:00.000Z',
    '2026-11-10T17:45:00.000Z',
    '2026-11-19T23:00:00.000Z',
    '2026-12-15T00:00:00.000Z',
  ];

  beforeAll(async () => {
    f = await openReadModelFixture();
    traffic = generateTraffic({
      applications: 60,
      jobs,
      interviewers: ['ana', 'ben', 'cyd', 'dee'],
      start,
      end,
      seed: 7,
    });
    const revisions = new Map<string, number>();
    for (const { applicationId, event } of traffic) {
      const revision = revisions.get(applicationId);
      await f.store.append(
        `application-${applicationId}`,
        [{ type: event.type, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type], data: { ...event.data } }],
        { expectedRevision: revision ?? 'no_stream' },
      );
      revisions.set(applicationId, (revision ?? -1) + 1);
    }
    await f.catchUp();
  }, 120_000);
  afterAll(() => f.close());

  /** Each application folded from its events that happened at or before `asOf` (all of them by default). */
  function applications(asOf = Infinity): Application[] {
    const states = new Map<string, ReturnType<typeof evolveApplication>>();
    for (const { applicationId, event, at } of traffic) {
      if (at > asOf) continue;
      states.set(
        applicationId,
        evolveApplication(states.get(applicationId) ?? initialApplicationState, event as ApplicationEvent),
      );
    }
    return [...states.values()].filter((s): s is Application => s.status !== 'none');
  }
  const allObligations = () =>
    applications().flatMap((app) => obligations(app, DEFAULT_SLA_POLICY).map((o) => ({ app, o })));
  const key = (
    applicationId: string,
    o: Pick<Obligation, 'kind' | 'dueAt' | 'startedAt'> & { interviewerId?: string },
  ) => `${applicationId}|${o.kind}|${o.interviewerId ?? ''}|${o.startedAt}|${o.dueAt}`;

  it('generated enough to be interesting', () => {
    expect(traffic.length).toBeGreaterThan(400);
    expect(allObligations().some(({ o }) => isBreached(o, instants[3]))).toBe(true);
  });

  it.each(instants)('lists the breaches the domain sees at %s, most overdue first', async (asOf) => {
    const expected = allObligations()
      .filter(({ o }) => isBreached(o, asOf))
      .sort((a, b) => a.o.dueAt.localeCompare(b.o.dueAt));
    const { items } = await breachesAt(f.sql, new Date(asOf));
    expect(items.map((i) => key(i.applicationId, i)).sort()).toEqual(
      expected.map(({ app, o }) => key(app.applicationId, o)).sort(),
    );
    expect(items.map((i) => i.dueAt)).toEqual(expected.map(({ o }) => o.dueAt));
  });

  it.each(instants)('lists what the domain considers at risk within 36 hours at %s', async (asOf) => {
    const expected = allObligations().filter(({ o }) => isAtRisk(o, asOf, 36));
    const { items } = await atRiskAt(f.sql, new Date(asOf), 36);
    expect(items.map((i) => key(i.applicationId, i)).sort()).toEqual(
      expected.map(({ app, o }) => key(app.applicationId, o)).sort(),
    );
  });

  it.each(instants)('sums the outcomes the domain gives at %s, per stage', async (now) => {
    const from = '2026-10-10T00:00:00.000Z';
    const to = '2026-11-15T00:00:00.000Z';
    const inWindow = allObligations().filter(({ o }) => o.dueAt >= from && o.dueAt < to);
    const summary = await slaSummary(f.sql, {
      from: new Date(from),
      to: new Date(to),
      groupBy: 'stage',
      now: new Date(now),
    });
    for (const group of summary.groups) {
      const here = inWindow.filter(({ o }) => o.stage === group.key).map(({ o }) => outcome(o, now));
      const n = (what: string) => here.filter((x) => x === what).length;
      expect(group).toMatchObject({
        metOnTime: n('met_on_time'),
        metLate: n('met_late'),
        breachedOpen: n('breached_open'),
      });
    }
    expect(summary.groups.map((g) => g.key).sort()).toEqual([...new Set(inWindow.map(({ o }) => o.stage))].sort());
  });

  it.each(instants)('shows the board as it stood at %s', async (asOf) => {
    const then = applications(Date.parse(asOf));
    const board = await pipelineAt(f.sql, { asOf: new Date(asOf), jobId: jobs[0], perStage: 1000 });
    const ofJob = then.filter((app) => app.jobId === jobs[0]);
    for (const { stage, count, applications: cards } of board.stages) {
      const expected = ofJob.filter((app) => app.status === 'active' && app.stage === stage);
      expect(count).toBe(expected.length);
      expect(cards.map((c) => `${c.id}@${c.enteredAt}`).sort()).toEqual(
        expected.map((a) => `${a.applicationId}@${a.stageEnteredAt}`).sort(),
      );
    }
    const total = (status: string) => ofJob.filter((app) => app.status === status).length;
    expect(board.totals).toEqual({
      active: total('active'),
      hired: total('hired'),
      rejected: total('rejected'),
      withdrawn: total('withdrawn'),
    });
  });

  it('pages through every application of a stage, newest first, each exactly once', async () => {
    const expected = applications()
      .filter((app) => app.status === 'rejected')
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.applicationId.localeCompare(a.applicationId))
      .map((app) => app.applicationId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listApplications(f.sql, { status: 'rejected', limit: 7, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('lists to an interviewer only the applications they interview', async () => {
    const expected = applications()
      .filter((app) => app.interviews.some((i) => i.interviewerIds.includes('cyd')))
      .map((app) => app.applicationId)
      .sort();
    const page = await listApplications(f.sql, { interviewerId: 'cyd', limit: 200 });
    expect(page.items.map((item) => item.id).sort()).toEqual(expected);
  });
});
