import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { BELGRADE_WORKING_HOURS, DEFAULT_SLA_POLICY } from '@app/hiring';
import { seedSlaPolicy } from '@app/platform';
import { HiringProjection, rebuildProjection, sqlOf } from '@app/projections';
import { openDataSource } from '@app/projections/testing/read-model-fixture';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { type LoadedTraffic, loadTraffic } from './read-side/traffic';
import { percentile, withBenchDatabase } from './support';

/**
 * The SLA policy at scale (SPEC §7): BENCH_APPLICATIONS applications (default 100,000) of a year of
 * generated traffic, loaded as bench/projections.ts loads them, with version 1 of the policy seeded
 * first and the read model rebuilt. Then, against the real app over HTTP:
 *
 * - POST /sla/policy/preview of a business-hours policy, over the last 30 days and over the whole
 *   year (target ≤ 2 s);
 * - PUT /sla/policy with that policy effective a year back, timed until GET /sla/policy/history says
 *   the dashboards judge by it (target ≤ 60 s), with dashboard reads sampled one after another
 *   meanwhile (p50/p95), next to the same reads on a quiet read model.
 *
 * Ends with one line of JSON holding every figure.
 */
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const PREVIEW_RUNS = Number(process.env.BENCH_PREVIEW_RUNS ?? 5);
const QUIET_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 60);
const DAY = 86_400_000;
const SECRET = 'bench-secret-of-sufficient-length';

const PROPOSAL = {
  targets: {
    decision: { hours: 40, byStage: { references: 72 } },
    scorecard: { hours: 24 },
    scheduling: { hours: 16 },
  },
  calendar: {
    type: 'business',
    timeZone: 'Europe/Belgrade',
    workingHours: BELGRADE_WORKING_HOURS,
    holidays: ['2026-01-01', '2026-01-02', '2026-01-07', '2026-02-16', '2026-02-17', '2026-04-10', '2026-04-13'],
  },
};

type Call = (
  path: string,
  init?: { method?: string; query?: Record<string, string>; body?: unknown },
) => Promise<unknown>;

async function startApp(url: string): Promise<{ app: NestFastifyApplication; call: (role: string) => Call }> {
  const { createApp } = await import('../apps/api/src/app.factory');
  const { loadConfig } = await import('@app/platform');
  const { JwtService } = await import('@nestjs/jwt');
  const app = await createApp({ ...loadConfig({ JWT_SECRET: SECRET }), databaseUrl: url }, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const jwt = new JwtService({ secret: SECRET });
  const call =
    (role: string): Call =>
    async (path, init = {}) => {
      const query = init.query ? `?${new URLSearchParams(init.query)}` : '';
      const response = await fetch(`${base}${path}${query}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${jwt.sign({ sub: `bench-${role}`, role }, { algorithm: 'HS256' })}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
      return JSON.parse(text);
    };
  return { app, call };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/** The dashboard reads a team keeps open, one after another, each with varied parameters. */
function dashboardReads(call: Call, traffic: LoadedTraffic, now: Date) {
  const pastDay = (n: number) => new Date(now.getTime() - ((n * 7919) % 365) * DAY);
  const jobId = (n: number): Record<string, string> =>
    n % 3 === 0 ? { jobId: traffic.jobs[n % traffic.jobs.length] } : {};
  return [
    {
      name: 'GET /sla/breaches',
      run: (n: number) => call('/sla/breaches', { query: { asOf: pastDay(n).toISOString(), ...jobId(n) } }),
    },
    {
      name: 'GET /sla/summary',
      run: (n: number) => {
        const to = pastDay(n);
        return call('/sla/summary', {
          query: { from: new Date(to.getTime() - 30 * DAY).toISOString(), to: to.toISOString(), ...jobId(n) },
        });
      },
    },
    {
      name: 'GET /pipeline',
      run: (n: number) => call('/pipeline', { query: { asOf: pastDay(n).toISOString(), ...jobId(n) } }),
    },
  ];
}

/** Runs the reads in turn until `done()` (or `samples` rounds); p50/p95 per read. */
async function sample(reads: ReturnType<typeof dashboardReads>, done: () => boolean, samples = Infinity) {
  const timings = reads.map(() => [] as number[]);
  for (let n = 0; n < samples && !done(); n++) {
    for (const [i, read] of reads.entries()) timings[i].push((await timed(() => read.run(n))).ms);
  }
  return Object.fromEntries(
    reads.map((read, i) => {
      const sorted = timings[i].sort((a, b) => a - b);
      return [
        read.name,
        { samples: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) },
      ];
    }),
  );
}

void withBenchDatabase(async (url) => {
  const now = new Date();
  const store = await PostgresEventStore.open({ connectionString: url, poolSize: 4, listen: false });
  const dataSource = await openDataSource(url);
  let loaded: { traffic: LoadedTraffic; events: number; rebuildMs: number };
  try {
    // Version 1 first, as the service seeds it, so the app starts with nothing to re-judge.
    await seedSlaPolicy(store, DEFAULT_SLA_POLICY, () => new Date(now.getTime() - 366 * DAY));
    const traffic = await loadTraffic(store, dataSource, now, APPLICATIONS);
    const rebuild = await rebuildProjection(dataSource, store, new HiringProjection(DEFAULT_SLA_POLICY), {
      batchSize: 5000,
    });
    loaded = { traffic, events: rebuild.events, rebuildMs: rebuild.durationMs };
    console.log(`loaded and projected ${APPLICATIONS} applications, ${rebuild.events} events`);
  } finally {
    await dataSource.destroy();
    await store.close();
  }

  const { app, call } = await startApp(url);
  try {
    const sql = sqlOf(app.get(DataSource));
    const [{ obligations, waits }] = await sql.query<{ obligations: string; waits: string }>(
      `select (select count(*) from read_model.obligations) as obligations,
              (select count(*) from read_model.scheduling_waits) as waits`,
    );
    const viewer = call('viewer');
    const admin = call('admin');
    const reads = dashboardReads(viewer, loaded.traffic, now);

    const preview = async (days: number) => {
      const window = { from: new Date(now.getTime() - days * DAY).toISOString(), to: now.toISOString() };
      await viewer('/sla/policy/preview', { method: 'POST', body: { policy: PROPOSAL, ...window } });
      const runs: number[] = [];
      for (let n = 0; n < PREVIEW_RUNS; n++) {
        runs.push(
          (
            await timed(() =>
              viewer('/sla/policy/preview', {
                method: 'POST',
                body: { policy: PROPOSAL, ...window, groupBy: (['stage', 'interviewer', 'job'] as const)[n % 3] },
              }),
            )
          ).ms,
        );
      }
      runs.sort((a, b) => a - b);
      return { medianMs: round(percentile(runs, 50)), maxMs: round(runs[runs.length - 1]) };
    };
    const previewMonth = await preview(30);
    const previewYear = await preview(366);
    console.log(`preview: 30 days ${previewMonth.medianMs} ms, a year ${previewYear.medianMs} ms (median)`);

    const quiet = await sample(reads, () => false, QUIET_SAMPLES);

    // Effective a year and a day back: every obligation in the log is re-judged.
    let applied = false;
    const effectiveFrom = new Date(now.getTime() - 366 * DAY).toISOString();
    const started = process.hrtime.bigint();
    const { version } = (await admin('/sla/policy', { method: 'PUT', body: { ...PROPOSAL, effectiveFrom } })) as {
      version: number;
    };
    const watching = (async () => {
      while (!applied) {
        const { items } = (await viewer('/sla/policy/history')) as {
          items: Array<{ version: number; applied: boolean }>;
        };
        applied = items.some((v) => v.version === version && v.applied);
        if (!applied) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return Number(process.hrtime.bigint() - started) / 1e6;
    })();
    const duringSwitch = await sample(reads, () => applied);
    const switchMs = round(await watching);
    console.log(`retroactive switch applied to every obligation in ${switchMs} ms`);

    const figures = {
      bench: 'policy',
      applications: APPLICATIONS,
      events: loaded.events,
      obligations: Number(obligations),
      schedulingWaits: Number(waits),
      rebuildMs: loaded.rebuildMs,
      previewMonth,
      previewYear,
      previewTargetMs: 2000,
      retroactiveSwitchMs: switchMs,
      retroactiveSwitchTargetMs: 60_000,
      dashboardsQuiet: quiet,
      dashboardsDuringSwitch: duringSwitch,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await app.close();
  }
});
