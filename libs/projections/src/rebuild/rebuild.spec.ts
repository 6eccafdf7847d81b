import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import { breachesAt } from '../queries/sla-lists';
import { pipelineAt } from '../queries/pipeline';
import { generateTraffic } from '../testing/pipeline-traffic';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import type { EventStore } from '@app/event-store';
import type { Sql } from '../database/sql';
import { swapLock } from '../runner/locks';
import type { Projection, ReplayApplier } from '../runner/projection';
import { RebuildInProgress, rebuildProjection } from './rebuild';

// A rebuild's writers are connections of their own, so PostgreSQL's only: PGlite runs every
// connection's statements in one session.
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

const TABLES = [
  'applications',
  'application_states',
  'stage_intervals',
  'status_intervals',
  'board_intervals',
  'obligations',
  'jobs',
];

describe('rebuilding the read model', () => {
  let f: ReadModelFixture;
  const jobs = [randomUUID(), randomUUID()];
  const traffic = generateTraffic({
    applications: 40,
    jobs,
    interviewers: ['ana', 'ben', 'cyd'],
    start: new Date('2026-10-01T00:00:00Z'),
    end: new Date('2026-11-20T00:00:00Z'),
    seed: 11,
  });
  const revisions = new Map<string, number>();
  let appended = 0;

  /** Appends the generated events up to `end`, one append each, as the API would. */
  async function appendUpTo(end: number): Promise<void> {
    const from = appended;
    appended = Math.max(appended, end);
    for (const { applicationId, event } of traffic.slice(from, end)) {
      const revision = revisions.get(applicationId);
      await f.store.append(
        `application-${applicationId}`,
        [{ type: event.type, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type], data: { ...event.data } }],
        { expectedRevision: revision ?? 'no_stream' },
      );
      revisions.set(applicationId, (revision ?? -1) + 1);
    }
  }

  /**
   * A reminder at half the target for a few open obligations, in their applications' notices
   * streams, as the reminder timer records it: rebuilt rows must show it as the live ones do.
   */
  async function remindSome(count: number): Promise<void> {
    const open = await f.sql.query<{
      application_id: string;
      obligation_id: string;
      job_id: string;
      kind: string;
      stage: string;
      interviewer_id: string | null;
      due_at: Date;
      next_notice_at: Date;
    }>(
      `select application_id, obligation_id, job_id, kind, stage, interviewer_id, due_at, next_notice_at
         from read_model.obligations
        where next_notice_at is not null and next_notice_at < due_at
        order by application_id, obligation_id limit $1`,
      [count],
    );
    for (const o of open) {
      const data = {
        applicationId: o.application_id,
        jobId: o.job_id,
        obligationId: o.obligation_id,
        kind: o.kind,
        stage: o.stage,
        interviewerId: o.interviewer_id,
        dueAt: o.due_at.toISOString(),
        at: o.next_notice_at.toISOString(),
        recipients: [o.interviewer_id ?? 'recruiter-rita'],
        fraction: 0.5,
      };
      await f.store.append(
        `sla-notices-${o.application_id}`,
        [{ type: 'ObligationReminderRecorded', schemaVersion: EVENT_SCHEMA_VERSIONS.ObligationReminderRecorded, data }],
        { expectedRevision: 'any' },
      );
    }
  }

  async function dump(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const table of TABLES) tables[table] = await f.sql.query(`select * from read_model.${table} order by 1, 2`);
    return tables;
  }

  const indexes = () =>
    f.sql.query(`select tablename, indexname, indexdef from pg_indexes where schemaname = 'read_model' order by 1, 2`);

  /** Every schema of the read model's name: the live one, and a shadow or retired one left behind. */
  const readModelSchemas = async () =>
    (await f.sql.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 'read_model%'`)).map(
      (s) => s.nspname,
    );

  beforeAll(async () => {
    f = await openReadModelFixture();
    for (const jobId of jobs)
      await f.writer.job(jobId, {
        type: 'OpenJob',
        data: { jobId, title: 'Engineer' },
        now: '2026-09-01T00:00:00.000Z',
      });
  });
  afterAll(() => f.close());

  it('yields tables identical to those the live runner built, with the same indexes', async () => {
    await appendUpTo(Math.floor(traffic.length / 2));
    await f.catchUp();
    await remindSome(3);
    await f.catchUp();
    const live = await dump();
    const liveIndexes = await indexes();
    expect(live.obligations.length).toBeGreaterThan(20);
    const reminded = await f.sql.query(`select 1 from read_model.obligations where jsonb_array_length(reminders) = 1`);
    expect(reminded).toHaveLength(3);

    const report = await rebuildProjection(f.dataSource, f.store, f.projection, { batchSize: 50 });

    expect(report.position).toBe(await f.store.headPosition());
    expect(await dump()).toEqual(live);
    expect(await indexes()).toEqual(liveIndexes);
    expect(await readModelSchemas()).toEqual(['read_model']);
  });

  onRealPostgres(
    'writes out and indexes on connections of its own with the same result, and hands them back as lent',
    async () => {
      const live = await dump();
      const liveIndexes = await indexes();

      await rebuildProjection(f.dataSource, f.store, f.projection, { batchSize: 50, parallelWriters: 2 });

      expect(await dump()).toEqual(live);
      expect(await indexes()).toEqual(liveIndexes);
      // Every connection of the pool at once: none still points at the shadow schema or skips the disk.
      const settings = await Promise.all(
        Array.from({ length: 8 }, () =>
          f.sql.query<{ path: string; sync: string }>(
            `select current_setting('search_path') as path, current_setting('synchronous_commit') as sync, pg_sleep(0.05)`,
          ),
        ),
      );
      expect(new Set(settings.map(([row]) => `${row.path} / ${row.sync}`))).toEqual(new Set(['"$user", public / on']));
    },
  );

  onRealPostgres(
    'abandons the rebuild when a write on a connection of its own fails, and the live tables stay',
    async () => {
      const live = await dump();
      const failing = withReplay(f.projection, (inner) => ({
        apply: (sql, events) => inner.apply(sql, events),
        flush: (sql, limit, writers) =>
          inner.flush(
            sql,
            limit,
            writers && { width: writers.width, sql: { query: () => Promise.reject(new Error('disk full')) } },
          ),
      }));

      await expect(
        rebuildProjection(f.dataSource, f.store, failing, { batchSize: 50, parallelWriters: 2 }),
      ).rejects.toThrow('disk full');

      expect(await dump()).toEqual(live);
      expect(await readModelSchemas()).toEqual(['read_model']);
    },
  );

  it('swaps in while the live runner keeps projecting and the API keeps reading', async () => {
    const errors: string[] = [];
    const runner = f.runner({
      batchSize: 20,
      logger: { log: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
    });
    runner.start();
    let reads = 0;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        await breachesAt(f.sql, new Date('2026-11-19T00:00:00Z'));
        await pipelineAt(f.sql, { asOf: new Date('2026-11-01T00:00:00Z') });
        reads += 1;
      }
    })();
    const writing = appendUpTo(traffic.length);
    await rebuildProjection(f.dataSource, f.store, f.projection, { batchSize: 25 });
    await writing;
    expect(await runner.waitForPosition(await f.store.headPosition(), 20_000)).toBe(true);
    await runner.stop();
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    // The runner finds the checkpoint moved by the swap and resumes from it; it never fails a batch.
    expect(errors).toEqual([]);

    const projectedAcrossTheSwap = await dump();
    await rebuildProjection(f.dataSource, f.store, f.projection);
    expect(await dump()).toEqual(projectedAcrossTheSwap);
  });

  it('refuses a second rebuild of the same projection while one is running', async () => {
    await appendUpTo(traffic.length);
    const first = rebuildProjection(f.dataSource, f.store, f.projection, { batchSize: 10 });
    await expect(rebuildProjection(f.dataSource, f.store, f.projection)).rejects.toBeInstanceOf(RebuildInProgress);
    await first;
  });

  it('catches up outside the swap lock with what the live runner applied while the indexes were built', async () => {
    await appendUpTo(traffic.length);
    const runner = f.runner({ batchSize: 20 });
    runner.start();
    expect(await runner.waitForPosition(await f.store.headPosition(), 20_000)).toBe(true);

    // When the bulk load asks for the head, more events arrive and the live runner applies them:
    // the shadow is behind the live checkpoint by those before it builds its indexes.
    let arrived = false;
    const store = new Proxy<EventStore>(f.store, {
      get(target, property) {
        if (property === 'headPosition' && !arrived)
          return async () => {
            const head = await target.headPosition();
            arrived = true;
            for (const day of ['10', '11', '12']) await f.writer.openJob(`2026-11-${day}T08:00:00.000Z`);
            await runner.waitForPosition(await target.headPosition(), 20_000);
            return head;
          };
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const underSwapLock: number[] = [];
    const watched = withReplay(f.projection, (inner) => ({
      async apply(sql, events) {
        if (await holdsSwapLock(sql, f.projection.name)) underSwapLock.push(...events.map((e) => e.position));
        await inner.apply(sql, events);
      },
      flush: (sql, limit) => inner.flush(sql, limit),
    }));

    const report = await rebuildProjection(f.dataSource, store, watched);
    await runner.stop();

    expect(arrived).toBe(true);
    expect(report.position).toBe(await f.store.headPosition());
    expect(underSwapLock).toEqual([]);
    expect((await dump()).jobs).toHaveLength(jobs.length + 3);
  });
});

/** The projection, its rebuilds replaying through `wrap` around its own replay. */
function withReplay(projection: Projection, wrap: (inner: ReplayApplier) => ReplayApplier): Projection {
  return {
    name: projection.name,
    schema: projection.schema,
    apply: (sql, events) => projection.apply(sql, events),
    replay: () => wrap(projection.replay!()),
  };
}

async function holdsSwapLock(sql: Sql, name: string): Promise<boolean> {
  const [classId, objectId] = swapLock(name);
  const rows = await sql.query(
    `select 1 from pg_locks
      where locktype = 'advisory' and mode = 'ExclusiveLock' and pid = pg_backend_pid()
        and classid = $1 and objid = ($2::int8 & 4294967295) and objsubid = 2`,
    [classId, objectId],
  );
  return rows.length > 0;
}
