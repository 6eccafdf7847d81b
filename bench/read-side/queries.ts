import { WHOLE_WEEKDAYS, type WorkCalendar } from '@app/hiring';
import {
  SLA_LIST_PAGE,
  atRiskAt,
  breachesAt,
  type ListApplicationsParams,
  funnel,
  inboxOf,
  listApplications,
  pipelineAt,
  slaSummary,
  sqlOf,
  timeInStage,
} from '@app/projections';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { bearer, call } from '../load/api';
import { DatabaseCostMeter } from '../load/database-cost';
import { percentile } from '../support';
import type { LoadedTraffic } from './traffic';

/**
 * p50/p95 latency of every dashboard query, one request at a time, with parameters that vary per
 * sample: now or a day of the past year, all jobs or one, every grouping, every list filter. As
 * plain query functions (the SQL and the shaping of rows) and over HTTP against the real app (all
 * of the above, plus validation, auth and serialisation). Beside each, the CPU it cost per request:
 * this process's (the app's too, over HTTP: it runs here) and PostgreSQL's backends', which unlike
 * latency hardly depend on how busy the shared machine is. The SLA lists ask for one page of the
 * default size, as the API does when no limit is given.
 */
const DAY = 86_400_000;

export interface Latency {
  query: string;
  samples: number;
  p50: number;
  p95: number;
  /** CPU per request, in ms: this process's, and the database's backends'. */
  nodeCpu: number;
  pgCpu: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function measure(
  meter: DatabaseCostMeter,
  query: string,
  samples: number,
  run: (n: number) => Promise<unknown>,
): Promise<Latency> {
  for (let n = 0; n < 10; n++) await run(n);
  const timings: number[] = [];
  const [node, database] = [process.cpuUsage(), await meter.sample()];
  for (let n = 0; n < samples; n++) {
    const started = process.hrtime.bigint();
    await run(n);
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const nodeUsage = process.cpuUsage(node);
  const { backendCpuMs } = DatabaseCostMeter.between(database, await meter.sample());
  timings.sort((a, b) => a - b);
  return {
    query,
    samples,
    p50: round(percentile(timings, 50)),
    p95: round(percentile(timings, 95)),
    nodeCpu: round((nodeUsage.user + nodeUsage.system) / 1000 / samples),
    pgCpu: round(backendCpuMs / samples),
  };
}

function workload(traffic: LoadedTraffic, now: Date) {
  const pastDay = (n: number) => new Date(now.getTime() - ((n * 7919) % 365) * DAY - ((n * 104_729) % DAY));
  const asOf = (n: number) => (n % 2 === 0 ? now : pastDay(n));
  /** About a month back, a different instant every sample. */
  const monthBack = (n: number) => new Date(now.getTime() - 30 * DAY - ((n * 104_729) % DAY));
  const jobId = (n: number) => (n % 3 === 0 ? traffic.jobs[n % traffic.jobs.length] : undefined);
  const groupBy = (n: number) => (['stage', 'interviewer', 'job'] as const)[n % 3];
  const month = (n: number) => {
    const to = n % 2 === 0 ? now : pastDay(n);
    return { from: new Date(to.getTime() - 30 * DAY), to };
  };
  /** GET /applications as each role filters it: everything, a job, a column of the board, an outcome, an interviewer's. */
  const filters: ListApplicationsParams[] = [
    {},
    { jobId: traffic.jobs[0] },
    { stage: 'technical', status: 'active' },
    { status: 'hired' },
  ];
  const applications = (n: number) => filters[n % 5] ?? { interviewerId: interviewer(n) };
  const interviewer = (n: number) => traffic.interviewers[(n * 37) % traffic.interviewers.length];
  /** An interviewer's or a recruiter's inbox: what is open now or on a past day, or everything. */
  const inbox = (n: number) => ({
    userId: n % 2 === 0 ? interviewer(n) : traffic.recruiters[n % traffic.recruiters.length],
    asOf: asOf(n >> 1),
    status: (n >> 2) % 2 === 1 ? ('all' as const) : ('open' as const),
    limit: 100,
  });
  return { asOf, monthBack, jobId, groupBy, month, applications, interviewer, inbox };
}

const BUSINESS: WorkCalendar = {
  type: 'business',
  timeZone: 'Europe/Belgrade',
  workingHours: WHOLE_WEEKDAYS,
  holidays: [],
};

const page = { limit: SLA_LIST_PAGE.default };

type Reads = [query: string, read: (n: number) => Promise<unknown>][];

/** BENCH_QUERIES (comma-separated parts of names, e.g. `breaches,pipeline`) narrows the run down. */
async function measureAll(databaseUrl: string, samples: number, reads: Reads): Promise<Latency[]> {
  const wanted = process.env.BENCH_QUERIES?.split(',');
  const meter = await DatabaseCostMeter.open(databaseUrl);
  try {
    const latencies: Latency[] = [];
    for (const [query, read] of reads) {
      if (!wanted || wanted.some((part) => query.includes(part)))
        latencies.push(await measure(meter, query, samples, read));
    }
    return latencies;
  } finally {
    await meter.close();
  }
}

export function queryFunctions(
  dataSource: DataSource,
  databaseUrl: string,
  traffic: LoadedTraffic,
  now: Date,
  samples: number,
): Promise<Latency[]> {
  const sql = sqlOf(dataSource);
  const w = workload(traffic, now);
  return measureAll(databaseUrl, samples, [
    ['breaches (function)', (n) => breachesAt(sql, w.asOf(n), { jobId: w.jobId(n) }, page)],
    ['breaches a month back (function)', (n) => breachesAt(sql, w.monthBack(n), { jobId: w.jobId(n) }, page)],
    ['at-risk (function)', (n) => atRiskAt(sql, w.asOf(n), 24, { jobId: w.jobId(n) }, page)],
    ['summary (function)', (n) => slaSummary(sql, { ...w.month(n), groupBy: w.groupBy(n), jobId: w.jobId(n), now })],
    ['pipeline (function)', (n) => pipelineAt(sql, { asOf: w.asOf(n), jobId: w.jobId(n) })],
    ['applications (function)', (n) => listApplications(sql, w.applications(n))],
    ['my obligations (function)', (n) => inboxOf(sql, w.inbox(n))],
    [
      'time in stage (function)',
      (n) =>
        timeInStage(sql, {
          ...w.month(n),
          jobId: w.jobId(n),
          calendar: n % 2 === 0 ? { type: 'calendar' } : BUSINESS,
        }),
    ],
    ['funnel (function)', (n) => funnel(sql, { ...w.month(n), jobId: w.jobId(n) })],
  ]);
}

/**
 * Traffic loaded straight into the log never met the reminder timer: when the app starts, the timer
 * records a notice for every open obligation already past a reminder or its due time (thousands,
 * at 100,000 applications) and the projection folds them in, which would be measured with every
 * request. The dashboards are measured once that backlog is done, as the app runs any other day.
 */
async function untilRemindersAreCaughtUp(databaseUrl: string, since: Date): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let waited = 0; ; waited += 1000) {
      const { rows } = await client.query<{ due: string }>(
        `select count(*) as due from read_model.obligations
          where next_notice_at <= $1 and satisfied_at is null and cancelled_at is null`,
        [since],
      );
      if (rows[0].due === '0') return console.log(`reminders caught up after ${waited / 1000} s`);
      if (waited >= 900_000) return console.log(`reminders not caught up after 900 s: ${rows[0].due} still due`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await client.end();
  }
}

export async function overHttp(
  origin: string,
  databaseUrl: string,
  traffic: LoadedTraffic,
  now: Date,
  samples: number,
): Promise<Latency[]> {
  await untilRemindersAreCaughtUp(databaseUrl, new Date());
  const viewer = bearer('viewer');
  const recruiter = bearer('recruiter');
  const interviewers = new Map(traffic.interviewers.map((id) => [id, bearer('interviewer', id)]));
  const recruiters = new Map(traffic.recruiters.map((id) => [id, bearer('recruiter', id)]));
  const get = async (path: string, params: Record<string, string | undefined>, authorization = viewer) => {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
    const { status } = await call(origin, authorization, 'GET', `${path}?${query}`);
    if (status !== 200) throw new Error(`${path}?${query}: ${status}`);
  };
  const w = workload(traffic, now);
  return measureAll(databaseUrl, samples, [
    ['GET /sla/breaches', (n) => get('/sla/breaches', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) })],
    [
      'GET /sla/breaches a month back',
      (n) => get('/sla/breaches', { asOf: w.monthBack(n).toISOString(), jobId: w.jobId(n) }),
    ],
    ['GET /sla/at-risk', (n) => get('/sla/at-risk', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) })],
    [
      'GET /sla/summary',
      (n) => {
        const { from, to } = w.month(n);
        return get('/sla/summary', {
          from: from.toISOString(),
          to: to.toISOString(),
          groupBy: w.groupBy(n),
          jobId: w.jobId(n),
        });
      },
    ],
    ['GET /pipeline', (n) => get('/pipeline', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) })],
    [
      'GET /applications',
      (n) => {
        const { interviewerId, jobId, stage, status } = w.applications(n);
        return interviewerId === undefined
          ? get('/applications', { jobId, stage, status }, recruiter)
          : get('/applications', {}, interviewers.get(interviewerId));
      },
    ],
    [
      'GET /me/obligations',
      (n) => {
        const { userId, asOf, status } = w.inbox(n);
        return get(
          '/me/obligations',
          { asOf: asOf.toISOString(), status },
          interviewers.get(userId) ?? recruiters.get(userId),
        );
      },
    ],
    [
      'GET /reports/time-in-stage',
      (n) => {
        const { from, to } = w.month(n);
        const clock = n % 2 === 0 ? 'calendar' : 'business';
        return get('/reports/time-in-stage', {
          from: from.toISOString(),
          to: to.toISOString(),
          jobId: w.jobId(n),
          clock,
        });
      },
    ],
    [
      'GET /reports/funnel',
      (n) => {
        const { from, to } = w.month(n);
        return get('/reports/funnel', { from: from.toISOString(), to: to.toISOString(), jobId: w.jobId(n) });
      },
    ],
  ]);
}
