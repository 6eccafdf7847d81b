import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { DEFAULT_SLA_POLICY, EVENT_SCHEMA_VERSIONS } from '@app/hiring';
import {
  HiringProjection,
  PROJECTION_ENTITIES,
  PROJECTION_MIGRATIONS,
  breachesAt,
  pipelineAt,
  rebuildProjection,
  slaSummary,
  sqlOf,
} from '@app/projections';
import { applicationLives } from '@app/projections/testing/pipeline-traffic';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { CandidatesAndIdempotency1732430000000 } from '@app/candidates';
import { percentile, rate, withBenchDatabase } from './support';

/**
 * The read side at scale: BENCH_APPLICATIONS applications (default 100,000; about 14 events each) of
 * generated pipeline traffic over the past year, loaded straight into the event store; then a full
 * rebuild of the read model (events/s), then p50/p95 latency of the dashboard queries — over HTTP
 * against the real app when it starts (BENCH_HTTP=0 skips it), and as plain query functions.
 */
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const JOBS = Math.max(5, Math.round(APPLICATIONS / 400));
const DAY = 86_400_000;

export interface LoadedTraffic {
  events: number;
  jobs: string[];
  interviewers: string[];
}

/** Loads the generated traffic straight into the event store (and candidates); bench/policy.ts reuses it. */
export async function load(store: PostgresEventStore, dataSource: DataSource, now: Date): Promise<LoadedTraffic> {
  const jobs = Array.from({ length: JOBS }, () => randomUUID());
  const interviewers = Array.from({ length: 150 }, (_, n) => `interviewer-${n}`);
  const start = new Date(now.getTime() - 365 * DAY);
  for (const jobId of jobs) {
    await store.append(
      `job-${jobId}`,
      [
        {
          type: 'JobOpened',
          schemaVersion: 1,
          data: {
            jobId,
            title: `Engineer ${jobId.slice(0, 4)}`,
            department: 'Engineering',
            openedAt: start.toISOString(),
            by: 'bench',
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  }
  // Every application's life, then merged into one log in time order, as the team lived it.
  const all: { stream: string; revision: number; type: string; data: object; at: number }[] = [];
  const candidates: { id: string; jobId: string }[] = [];
  for (const life of applicationLives({ applications: APPLICATIONS, jobs, interviewers, start, end: now, seed: 42 })) {
    life.forEach(({ applicationId, event, at }, revision) => {
      if (revision === 0 && event.type === 'ApplicationSubmitted')
        candidates.push({ id: applicationId, jobId: event.data.jobId });
      all.push({ stream: `application-${applicationId}`, revision, type: event.type, data: event.data, at });
    });
  }
  all.sort((a, b) => a.at - b.at);

  const sql = sqlOf(dataSource);
  for (let offset = 0; offset < all.length; offset += 5000) {
    const rows = all.slice(offset, offset + 5000).map((e) => ({
      stream_id: e.stream,
      revision: e.revision,
      type: e.type,
      schema_version: EVENT_SCHEMA_VERSIONS[e.type as keyof typeof EVENT_SCHEMA_VERSIONS],
      data: e.data,
      recorded_at: new Date(e.at).toISOString(),
    }));
    // A loader, not a writer: one multi-row insert per 5,000 events, positions in log order.
    await sql.query(
      `insert into event_store.events
         (position, stream_id, revision, type, schema_version, data, metadata, recorded_at, transaction_id)
       select nextval('event_store.positions'), stream_id, revision, type, schema_version, data, '{}'::jsonb,
              recorded_at, pg_current_xact_id()
         from (select * from rows from (jsonb_to_recordset($1::jsonb)
                   as (stream_id text, revision bigint, type text, schema_version integer, data jsonb, recorded_at timestamptz))
                 with ordinality as e(stream_id, revision, type, schema_version, data, recorded_at, n)
                order by n) ordered`,
      [JSON.stringify(rows)],
    );
  }
  await sql.query(
    `insert into event_store.streams (stream_id, revision)
     select stream_id, max(revision) from event_store.events group by stream_id
     on conflict (stream_id) do update set revision = excluded.revision`,
  );
  for (let offset = 0; offset < candidates.length; offset += 5000) {
    const rows = candidates.slice(offset, offset + 5000).map((c) => ({
      application_id: c.id,
      job_id: c.jobId,
      name: `Candidate ${c.id.slice(0, 6)}`,
      email: `${c.id}@example.com`,
      reservation_key: c.id,
    }));
    await sql.query(
      `insert into candidates (application_id, job_id, name, email, reservation_key)
       select * from jsonb_to_recordset($1::jsonb)
         as c(application_id uuid, job_id uuid, name text, email text, reservation_key text)`,
      [JSON.stringify(rows)],
    );
  }
  await sql.query('analyze');
  return { events: all.length + jobs.length, jobs, interviewers };
}

interface Latency {
  query: string;
  samples: number;
  p50: number;
  p95: number;
}

async function measure(query: string, run: (n: number) => Promise<unknown>): Promise<Latency> {
  for (let n = 0; n < 10; n++) await run(n);
  const timings: number[] = [];
  for (let n = 0; n < SAMPLES; n++) {
    const started = process.hrtime.bigint();
    await run(n);
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return { query, samples: SAMPLES, p50: round(percentile(timings, 50)), p95: round(percentile(timings, 95)) };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Parameters vary per sample: now or a day of the past year, all jobs or one, every grouping. */
function workload(traffic: LoadedTraffic, now: Date) {
  const pastDay = (n: number) => new Date(now.getTime() - ((n * 7919) % 365) * DAY - ((n * 104_729) % DAY));
  const asOf = (n: number) => (n % 2 === 0 ? now : pastDay(n));
  const jobId = (n: number) => (n % 3 === 0 ? traffic.jobs[n % traffic.jobs.length] : undefined);
  const groupBy = (n: number) => (['stage', 'interviewer', 'job'] as const)[n % 3];
  const month = (n: number) => {
    const to = n % 2 === 0 ? now : pastDay(n);
    return { from: new Date(to.getTime() - 30 * DAY), to };
  };
  return { asOf, jobId, groupBy, month };
}

async function queryFunctions(dataSource: DataSource, traffic: LoadedTraffic, now: Date): Promise<Latency[]> {
  const sql = sqlOf(dataSource);
  const w = workload(traffic, now);
  return [
    await measure('breaches (function)', (n) => breachesAt(sql, w.asOf(n), { jobId: w.jobId(n) })),
    await measure('summary (function)', (n) =>
      slaSummary(sql, { ...w.month(n), groupBy: w.groupBy(n), jobId: w.jobId(n), now }),
    ),
    await measure('pipeline (function)', (n) => pipelineAt(sql, { asOf: w.asOf(n), jobId: w.jobId(n) })),
  ];
}

/** The real app, as it runs in production. */
async function startApp(url: string, secret: string): Promise<NestExpressApplication> {
  const { createApp } = await import('../apps/api/src/app.factory');
  const { loadConfig } = await import('@app/platform');
  const app = await createApp({ ...loadConfig({ JWT_SECRET: secret }), databaseUrl: url }, { logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function overHttp(url: string, traffic: LoadedTraffic, now: Date): Promise<Latency[]> {
  const { JwtService } = await import('@nestjs/jwt');
  const secret = 'bench-secret-of-sufficient-length';
  const app = await startApp(url, secret);
  const base = await app.getUrl();
  const token = `Bearer ${new JwtService({ secret }).sign({ sub: 'bench-viewer', role: 'viewer' }, { algorithm: 'HS256' })}`;
  const get = async (path: string, params: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
    const response = await fetch(`${base}${path}?${query}`, { headers: { authorization: token } });
    if (response.status !== 200) throw new Error(`${path}?${query}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const w = workload(traffic, now);
  try {
    return [
      await measure('GET /sla/breaches', (n) =>
        get('/sla/breaches', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) }),
      ),
      await measure('GET /sla/summary', (n) => {
        const { from, to } = w.month(n);
        return get('/sla/summary', {
          from: from.toISOString(),
          to: to.toISOString(),
          groupBy: w.groupBy(n),
          jobId: w.jobId(n),
        });
      }),
      await measure('GET /pipeline', (n) => get('/pipeline', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) })),
    ];
  } finally {
    await app.close();
  }
}

const main = async (url: string) => {
  const now = new Date();
  const store = await PostgresEventStore.open({ connectionString: url, poolSize: 4, listen: false });
  const dataSource = await new DataSource({
    type: 'postgres',
    url,
    entities: PROJECTION_ENTITIES,
    migrations: [CandidatesAndIdempotency1732430000000, ...PROJECTION_MIGRATIONS],
    poolSize: 8,
  }).initialize();
  await dataSource.runMigrations();
  try {
    let started = Date.now();
    const traffic = await load(store, dataSource, now);
    console.log(`loaded ${APPLICATIONS} applications, ${traffic.events} events in ${Date.now() - started} ms`);

    started = Date.now();
    const report = await rebuildProjection(dataSource, store, new HiringProjection(DEFAULT_SLA_POLICY), {
      batchSize: BATCH,
    });
    console.log(
      `rebuild: ${report.events} events in ${report.durationMs} ms = ${report.eventsPerSecond} events/s (batch ${BATCH})`,
    );
    const counts = await sqlOf(dataSource).query<{ table: string; n: string }>(
      `select 'obligations' as table, count(*) as n from read_model.obligations
       union all select 'open breaches now', count(*) from read_model.obligations where breached_during @> now()
       union all select 'active now', count(*) from read_model.applications where status = 'active'`,
    );
    console.table(counts);

    const latencies = await queryFunctions(dataSource, traffic, now);
    if (process.env.BENCH_HTTP !== '0') {
      await dataSource.destroy();
      await store.close();
      latencies.push(...(await overHttp(url, traffic, now)));
    }
    console.table([
      {
        applications: APPLICATIONS,
        events: report.events,
        rebuildEventsPerSecond: rate(report.events, report.durationMs),
      },
    ]);
    console.table(latencies);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await store.close();
  }
};

// Run as a script, not when another benchmark imports the loader.
if (require.main === module) void withBenchDatabase(main);
