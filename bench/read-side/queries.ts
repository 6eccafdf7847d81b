import { WHOLE_WEEKDAYS, type WorkCalendar } from '@app/hiring';
import { atRiskAt, breachesAt, funnel, pipelineAt, slaSummary, sqlOf, timeInStage } from '@app/projections';
import type { DataSource } from 'typeorm';
import { call } from '../load/api';
import { percentile } from '../support';
import type { LoadedTraffic } from './traffic';

/**
 * p50/p95 latency of every dashboard query, one request at a time, with parameters that vary per
 * sample: now or a day of the past year, all jobs or one, every grouping. As plain query functions
 * (the SQL and the shaping of rows) and over HTTP against the real app (all of the above, plus
 * validation, auth and serialisation).
 */
const DAY = 86_400_000;

export interface Latency {
  query: string;
  samples: number;
  p50: number;
  p95: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function measure(query: string, samples: number, run: (n: number) => Promise<unknown>): Promise<Latency> {
  for (let n = 0; n < 10; n++) await run(n);
  const timings: number[] = [];
  for (let n = 0; n < samples; n++) {
    const started = process.hrtime.bigint();
    await run(n);
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  timings.sort((a, b) => a - b);
  return { query, samples, p50: round(percentile(timings, 50)), p95: round(percentile(timings, 95)) };
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
  return { asOf, monthBack, jobId, groupBy, month };
}

const BUSINESS: WorkCalendar = {
  type: 'business',
  timeZone: 'Europe/Belgrade',
  workingHours: WHOLE_WEEKDAYS,
  holidays: [],
};

export async function queryFunctions(
  dataSource: DataSource,
  traffic: LoadedTraffic,
  now: Date,
  samples: number,
): Promise<Latency[]> {
  const sql = sqlOf(dataSource);
  const w = workload(traffic, now);
  return [
    await measure('breaches (function)', samples, (n) => breachesAt(sql, w.asOf(n), { jobId: w.jobId(n) })),
    await measure('breaches a month back (function)', samples, (n) =>
      breachesAt(sql, w.monthBack(n), { jobId: w.jobId(n) }),
    ),
    await measure('at-risk (function)', samples, (n) => atRiskAt(sql, w.asOf(n), 24, { jobId: w.jobId(n) })),
    await measure('summary (function)', samples, (n) =>
      slaSummary(sql, { ...w.month(n), groupBy: w.groupBy(n), jobId: w.jobId(n), now }),
    ),
    await measure('pipeline (function)', samples, (n) => pipelineAt(sql, { asOf: w.asOf(n), jobId: w.jobId(n) })),
    await measure('time in stage (function)', samples, (n) =>
      timeInStage(sql, { ...w.month(n), jobId: w.jobId(n), calendar: n % 2 === 0 ? { type: 'calendar' } : BUSINESS }),
    ),
    await measure('funnel (function)', samples, (n) => funnel(sql, { ...w.month(n), jobId: w.jobId(n) })),
  ];
}

export async function overHttp(
  origin: string,
  authorization: string,
  traffic: LoadedTraffic,
  now: Date,
  samples: number,
): Promise<Latency[]> {
  const get = async (path: string, params: Record<string, string | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
    const { status } = await call(origin, authorization, 'GET', `${path}?${query}`);
    if (status !== 200) throw new Error(`${path}?${query}: ${status}`);
  };
  const w = workload(traffic, now);
  return [
    await measure('GET /sla/breaches', samples, (n) =>
      get('/sla/breaches', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) }),
    ),
    await measure('GET /sla/breaches a month back', samples, (n) =>
      get('/sla/breaches', { asOf: w.monthBack(n).toISOString(), jobId: w.jobId(n) }),
    ),
    await measure('GET /sla/at-risk', samples, (n) =>
      get('/sla/at-risk', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) }),
    ),
    await measure('GET /sla/summary', samples, (n) => {
      const { from, to } = w.month(n);
      return get('/sla/summary', {
        from: from.toISOString(),
        to: to.toISOString(),
        groupBy: w.groupBy(n),
        jobId: w.jobId(n),
      });
    }),
    await measure('GET /pipeline', samples, (n) =>
      get('/pipeline', { asOf: w.asOf(n).toISOString(), jobId: w.jobId(n) }),
    ),
    await measure('GET /reports/time-in-stage', samples, (n) => {
      const { from, to } = w.month(n);
      const clock = n % 2 === 0 ? 'calendar' : 'business';
      return get('/reports/time-in-stage', {
        from: from.toISOString(),
        to: to.toISOString(),
        jobId: w.jobId(n),
        clock,
      });
    }),
    await measure('GET /reports/funnel', samples, (n) => {
      const { from, to } = w.month(n);
      return get('/reports/funnel', { from: from.toISOString(), to: to.toISOString(), jobId: w.jobId(n) });
    }),
  ];
}
