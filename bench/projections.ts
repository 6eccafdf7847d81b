import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { DEFAULT_SLA_POLICY } from '@app/hiring';
import { HiringProjection, rebuildProjection, sqlOf } from '@app/projections';
import { openDataSource } from '@app/projections/testing/read-model-fixture';
import type { DataSource } from 'typeorm';
import { bearer, startApi } from './load/api';
import { LoadGenerator } from './load/load-generator';
import { SqlSampler } from './load/sql-sampler';
import { type Latency, overHttp, queryFunctions } from './read-side/queries';
import { lagDuringRebuild, type RebuildLag } from './read-side/rebuild-lag';
import { loadTraffic } from './read-side/traffic';
import { rate, withBenchDatabase } from './support';

/**
 * The read side at scale: BENCH_APPLICATIONS applications (default 100,000; about 14 events each) of
 * generated pipeline traffic over the past year, loaded straight into the event store; then a full
 * rebuild of the read model (events/s), p50/p95 latency of the dashboard queries as plain query
 * functions and over HTTP against the real app (BENCH_HTTP=0 skips the app), and the live read
 * model's lag behind HTTP writes at BENCH_LAG_WRITES_PER_SECOND (default 100) while the app
 * rebuilds it through POST /admin/projections/rebuild. BENCH_SQL_PROFILE=1 also prints where the
 * database spent the first rebuild's time, statement by statement.
 */
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
/** As `npm run projections:rebuild` by default; 0 writes everything on the rebuild's own connection. */
const WRITERS = Number(process.env.BENCH_REBUILD_WRITERS ?? 2);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const LAG_WRITES_PER_SECOND = Number(process.env.BENCH_LAG_WRITES_PER_SECOND ?? 100);

void withBenchDatabase(async (url) => {
  const now = new Date();
  const store = await PostgresEventStore.open({ connectionString: url, poolSize: 4, listen: false });
  const dataSource = await openDataSource(url);
  let latencies: Latency[];
  let rebuild: { events: number; eventsPerSecond: number; rawEventsPerSecond: number; ratioToRaw: number };
  const traffic = await (async () => {
    try {
      let started = Date.now();
      const loaded = await loadTraffic(store, dataSource, now, APPLICATIONS);
      console.log(`loaded ${APPLICATIONS} applications, ${loaded.events} events in ${Date.now() - started} ms`);

      started = Date.now();
      const sampler = process.env.BENCH_SQL_PROFILE ? await SqlSampler.start(url) : undefined;
      const report = await rebuildProjection(dataSource, store, new HiringProjection(DEFAULT_SLA_POLICY), {
        batchSize: BATCH,
        parallelWriters: WRITERS,
      });
      if (sampler) console.table(await sampler.stop());
      const raw = await rawCopyRate(dataSource);
      rebuild = {
        events: report.events,
        eventsPerSecond: rate(report.events, report.durationMs),
        rawEventsPerSecond: raw,
        ratioToRaw: Math.round((rate(report.events, report.durationMs) / raw) * 100) / 100,
      };
      console.log(
        `rebuild: ${report.events} events in ${report.durationMs} ms = ${rebuild.eventsPerSecond} events/s (batch ${BATCH}, ${WRITERS} writers); ` +
          `PostgreSQL copies the log at ${raw} events/s on its own: ${rebuild.ratioToRaw}×`,
      );
      const counts = await sqlOf(dataSource).query<{ table: string; n: string }>(
        `select 'obligations' as table, count(*) as n from read_model.obligations
         union all select 'open breaches now', count(*) from read_model.obligations where breached_during @> now()
         union all select 'active now', count(*) from read_model.applications where status = 'active'`,
      );
      console.table(counts);
      latencies = await queryFunctions(dataSource, url, loaded, now, SAMPLES);
      return loaded;
    } finally {
      await dataSource.destroy();
      await store.close();
    }
  })();

  let lag: RebuildLag | undefined;
  if (process.env.BENCH_HTTP !== '0') {
    const { app, origin } = await startApi(url);
    const generator = LoadGenerator.start();
    try {
      latencies!.push(...(await overHttp(origin, url, traffic, now, SAMPLES)));
      lag = await lagDuringRebuild(
        generator,
        origin,
        { writer: bearer('recruiter'), admin: bearer('admin') },
        traffic.jobs[0],
        LAG_WRITES_PER_SECOND,
      );
    } finally {
      await generator.stop();
      await app.close();
    }
  }

  console.table([
    {
      applications: APPLICATIONS,
      events: rebuild!.events,
      rebuildEventsPerSecond: rebuild!.eventsPerSecond,
      rawEventsPerSecond: rebuild!.rawEventsPerSecond,
      ratioToRaw: rebuild!.ratioToRaw,
    },
  ]);
  console.table(latencies!);
  if (lag) console.table([lag]);
  console.log(
    JSON.stringify({
      applications: APPLICATIONS,
      events: rebuild!.events,
      rebuildEventsPerSecond: rebuild!.eventsPerSecond,
      rawEventsPerSecond: rebuild!.rawEventsPerSecond,
      ratioToRaw: rebuild!.ratioToRaw,
      lagDuringRebuild: lag,
      queries: latencies!.map(({ query, p50, p95, nodeCpu, pgCpu }) => ({
        query,
        p50Ms: p50,
        p95Ms: p95,
        nodeCpuMs: nodeCpu,
        pgCpuMs: pgCpu,
      })),
    }),
  );
});

/**
 * The raw limit beside the rebuild, in the same run: PostgreSQL reading the whole log and writing a
 * row per event into a table of its own, in one statement, with no application code in between.
 * A rebuild reads the same log and writes several rows per application, so it can only approach it.
 */
async function rawCopyRate(dataSource: DataSource): Promise<number> {
  const sql = sqlOf(dataSource);
  await sql.query('create table bench_raw_copy (like event_store.events including defaults)');
  const started = Date.now();
  const [{ events }] = await sql.query<{ events: string }>(
    `with copied as (insert into bench_raw_copy select * from event_store.events returning 1)
     select count(*) as events from copied`,
  );
  const elapsed = Date.now() - started;
  await sql.query('drop table bench_raw_copy');
  return rate(Number(events), elapsed);
}
