import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DEFAULT_SLA_POLICY,
  EVENT_SCHEMA_VERSIONS,
  SLA_POLICY_STREAM_ID,
  type SlaPolicyDocument,
  type SlaPolicyVersion,
  decideSlaPolicy,
  evolveApplication,
  initialApplicationState,
  judgingVersion,
  nextNoticeAt,
  obligationsUnder,
  parseApplicationEvent,
  parseSlaPolicyEvent,
} from '@app/hiring';
import { inTransaction, openSession, useSchema } from '../database/sql';
import { rebuildProjection } from '../rebuild/rebuild';
import { createShadowTables } from '../rebuild/shadow-schema';
import { type GeneratedEvent, generateTraffic } from '../testing/pipeline-traffic';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { READ_MODEL_SCHEMA } from './entities';
import { SlaRejudger } from './rejudger';
import { pendingRejudging, rejudgeLock, rejudgeStep } from './rejudging';

/*
 * A version effective in the past re-judges obligations already in the read model: in steps of a
 * few applications, each its own transaction, while the runner keeps projecting; the tables end as
 * the domain's obligationsUnder() judges every application, and as a rebuild from the log builds them.
 */
describe('re-judging obligations after a policy version effective in the past', () => {
  let f: ReadModelFixture;
  const jobs = [randomUUID(), randomUUID()];
  const traffic = generateTraffic({
    applications: 40,
    jobs,
    interviewers: ['ana', 'ben', 'cyd'],
    start: new Date('2026-10-01T00:00:00Z'),
    end: new Date('2026-11-20T00:00:00Z'),
    seed: 23,
  });
  const revisions = new Map<string, number>();

  async function append(events: GeneratedEvent[]): Promise<void> {
    for (const { applicationId, event } of events) {
      const revision = revisions.get(applicationId);
      await f.store.append(
        `application-${applicationId}`,
        [{ type: event.type, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type], data: { ...event.data } }],
        { expectedRevision: revision ?? 'no_stream' },
      );
      revisions.set(applicationId, (revision ?? -1) + 1);
    }
  }

  async function timeline(): Promise<SlaPolicyVersion[]> {
    return (await f.store.readStream(SLA_POLICY_STREAM_ID)).map((e) => parseSlaPolicyEvent(e).data);
  }

  /** A new version through the policy decider, as PUT /sla/policy appends it. */
  async function changePolicy(policy: SlaPolicyDocument): Promise<void> {
    const known = await timeline();
    const events = decideSlaPolicy(
      { type: 'ChangeSlaPolicy', data: { policy }, actor: 'admin-1', now: '2026-11-21T09:00:00.000Z' },
      known,
    );
    await f.store.append(
      SLA_POLICY_STREAM_ID,
      events.map((e) => ({ type: e.type, schemaVersion: 1, data: { ...e.data } })),
      { expectedRevision: known.length === 0 ? 'no_stream' : known.length - 1 },
    );
  }

  /**
   * Every obligation as the domain judges it from the log, in the table's order, with the first of
   * its reminder points (none is recorded here): a new version moves them with the due time.
   */
  async function expected(): Promise<string[]> {
    const versions = await timeline();
    const rows: string[] = [];
    for (const applicationId of revisions.keys()) {
      const events = await f.store.readStream(`application-${applicationId}`);
      const state = events.map(parseApplicationEvent).reduce(evolveApplication, initialApplicationState);
      if (state.status === 'none') continue;
      for (const o of obligationsUnder(state, versions)) {
        const open = o.satisfiedAt === undefined && o.cancelledAt === undefined;
        const next = open
          ? nextNoticeAt(o, judgingVersion(versions, o), o.startedAt, { fractions: [], escalated: false })
          : null;
        rows.push(`${applicationId} ${o.id} ${o.dueAt} v${o.policyVersion} next ${next ?? '-'}`);
      }
    }
    return rows.sort();
  }

  async function stored(): Promise<string[]> {
    const rows = await f.sql.query<{ row: string }>(
      `select application_id || ' ' || obligation_id || ' ' ||
              to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ' v' || policy_version ||
              ' next ' || coalesce(to_char(next_notice_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '-') as row
         from read_model.obligations`,
    );
    return rows.map((r) => r.row).sort();
  }

  async function inReadModel<T>(work: (sql: Parameters<typeof rejudgeStep>[0]) => Promise<T>): Promise<T> {
    const session = await openSession(f.dataSource);
    try {
      return await inTransaction(session, async () => {
        await session.query('select pg_advisory_xact_lock($1, $2)', rejudgeLock(f.projection.name));
        await useSchema(session, READ_MODEL_SCHEMA);
        return work(session);
      });
    } finally {
      await session.release();
    }
  }

  async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
      await delay(10);
    }
  }

  const dump = async () => ({
    obligations: await f.sql.query(`select * from read_model.obligations order by 1, 2`),
    waits: await f.sql.query(`select * from read_model.scheduling_waits order by 1, 2`),
    versions: await f.sql.query(`select * from read_model.sla_policy_versions order by 1`),
    rejudging: await f.sql.query(`select * from read_model.sla_rejudging order by 1`),
  });

  beforeAll(async () => {
    f = await openReadModelFixture(DEFAULT_SLA_POLICY);
  });
  afterAll(() => f.close());

  it('queues the work when the version is projected, then does it a few applications per step', async () => {
    await append(traffic.slice(0, Math.floor(traffic.length / 2)));
    await f.catchUp();
    await changePolicy({
      effectiveFrom: '2026-10-20T00:00:00Z',
      targets: { scorecard: { hours: 12 }, scheduling: { hours: 24 } },
    });
    await f.catchUp();
    // The first version a log holds replaces the configuration everywhere, whatever its effectiveFrom.
    expect(await inReadModel(pendingRejudging)).toEqual([
      { version: 1, effectiveFrom: '1970-01-01T00:00:00.000Z', afterApplication: null },
    ]);
    expect(await stored()).not.toEqual(await expected());

    let steps = 0;
    while (await inReadModel((sql) => rejudgeStep(sql, DEFAULT_SLA_POLICY, 6))) steps += 1;
    expect(steps).toBeGreaterThan(3);
    expect(await stored()).toEqual(await expected());
    expect(await inReadModel(pendingRejudging)).toEqual([]);
  });

  it('goes on beside the live runner, and ends where a rebuild from the log ends', async () => {
    const runner = f.runner({ batchSize: 25 });
    const rejudger = new SlaRejudger(f.dataSource, f.projection, { stepSize: 4, pollMs: 20 });
    runner.start();
    rejudger.start();
    await changePolicy({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { decision: { hours: 24 } } });
    await append(traffic.slice(Math.floor(traffic.length / 2)));
    await changePolicy({ effectiveFrom: '2026-10-15T00:00:00Z', targets: { decision: { hours: 72 } } });
    expect(await runner.waitForPosition(await f.store.headPosition(), 20_000)).toBe(true);
    await until(async () => (await inReadModel(pendingRejudging)).length === 0);
    await rejudger.stop();
    await runner.stop();
    expect(await stored()).toEqual(await expected());

    const live = await dump();
    expect(live.versions).toHaveLength(3);
    await rebuildProjection(f.dataSource, f.store, f.projection, { batchSize: 40 });
    expect(await dump()).toEqual(live);
  });

  it('lets a rebuild judge by a version that arrives after it wrote rows, as the live tables do', async () => {
    const shadow = 'read_model_replay_check';
    const replay = f.projection.replay();
    const everything = await f.store.readAll({ after: null, maxCount: 100_000 });
    const firstPolicy = everything.findIndex((e) => e.streamId === SLA_POLICY_STREAM_ID);
    const session = await openSession(f.dataSource);
    const inShadow = (work: () => Promise<unknown>) =>
      inTransaction(session, async () => {
        await useSchema(session, shadow);
        await work();
      });
    try {
      await inTransaction(session, () => createShadowTables(session, READ_MODEL_SCHEMA, shadow));
      await inShadow(() => replay.apply(session, everything.slice(0, firstPolicy)));
      await inShadow(async () => {
        while ((await replay.flush(session, 10)) > 0);
      });
      await inShadow(() => replay.apply(session, everything.slice(firstPolicy)));
      for (let remaining = 1; remaining > 0;) {
        await inShadow(async () => {
          remaining = await replay.flush(session, 10);
        });
      }
      const table = (schema: string) => f.sql.query(`select * from ${schema}.obligations order by 1, 2`);
      expect(await table(shadow)).toEqual(await table(READ_MODEL_SCHEMA));
    } finally {
      await session.query(`drop schema if exists ${shadow} cascade`);
      await session.release();
    }
  });
});
