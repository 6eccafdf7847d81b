import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@app/event-store/postgres/embedded-postgres';
import { measureAppends, prepareAppendDatabase } from './append-rate';
import { bearer, call, machineCpu, openJob, projectedUpTo, startApi } from './load/api';
import { DatabaseCostMeter } from './load/database-cost';
import { startFloor } from './load/floor';
import { LoadGenerator } from './load/load-generator';
import type { LoadPlan, LoadResult, Target } from './load/plan';
import { withBenchDatabase } from './support';

/**
 * The HTTP path end to end: the real app (projections on, as deployed) on a fresh PostgreSQL
 * database, loaded by a generator in a child process with 32 connections, route by route; beside
 * it the event store's own 16-writer single-event append rate on the same server, measured in the
 * same run; then `POST /applications` once more on the embedded PGlite.
 *
 * Nothing is pinned: this process (the API: one JavaScript thread), the generator and PostgreSQL
 * share the machine's cores, and each scenario prints what each took. `node --cpu-prof` on this
 * process profiles the API alone (the generator runs with flags of its own).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const APPEND_SECONDS = Number(process.env.BENCH_APPEND_SECONDS ?? 5);
const DAY = 86_400_000;
/** A subset to run, e.g. for a profile of one route: floor,submit,move,get,breaches,pglite (the submit always runs). */
const ROUTES = new Set((process.env.BENCH_ROUTES ?? 'floor,submit,move,get,breaches,pglite').split(','));

interface Figures extends Omit<LoadResult, 'ids' | 'positions' | 'statuses' | 'cpuMs'> {
  statuses: string;
  /** CPU of one core taken by the API process, the generator, and the whole machine (of all cores). */
  apiCpu: string;
  generatorCpu: string;
  machineCpu: string;
  /** Per request counted (warm-up included in the totals, so slightly high): API CPU, PostgreSQL backends' CPU, transactions. */
  apiMsPerRequest: number;
  pgMsPerRequest?: number;
  transactionsPerRequest?: number;
}

async function measure(
  generator: LoadGenerator,
  meter: DatabaseCostMeter | undefined,
  origin: string,
  authorization: string,
  route: string,
  target: Target,
  extra: Partial<LoadPlan> = {},
): Promise<{ figures: Figures; result: LoadResult }> {
  const plan: LoadPlan = {
    route,
    origin,
    authorization,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    target,
    ...extra,
  };
  const database = await meter?.sample();
  const [api, machine] = [process.cpuUsage(), machineCpu()];
  const result = await generator.run(plan);
  const apiUsage = process.cpuUsage(api);
  const machineAfter = machineCpu();
  const cost = database && meter ? DatabaseCostMeter.between(database, await meter.sample()) : undefined;
  const perRequest = (x: number) =>
    Math.round((x / result.requests) * (SECONDS / (SECONDS + WARMUP_SECONDS)) * 100) / 100;
  // Warm-up included for the API and the machine (they are sampled from here), not for the generator.
  const wallMs = (SECONDS + WARMUP_SECONDS) * 1000;
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  const figures: Figures = {
    route: result.route,
    connections: result.connections,
    requests: result.requests,
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    statuses: Object.entries(result.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' '),
    apiCpu: `${percent((apiUsage.user + apiUsage.system) / 1000 / wallMs)} (kernel ${percent(apiUsage.system / (apiUsage.user + apiUsage.system))})`,
    generatorCpu: percent(result.cpuMs / (SECONDS * 1000)),
    machineCpu: `${percent((machineAfter.busy - machine.busy) / (machineAfter.total - machine.total))} of ${cpus().length}`,
    apiMsPerRequest: perRequest((apiUsage.user + apiUsage.system) / 1000),
    ...(cost
      ? { pgMsPerRequest: perRequest(cost.backendCpuMs), transactionsPerRequest: perRequest(cost.transactions) }
      : {}),
  };
  console.log(JSON.stringify(figures));
  return { figures, result };
}

const lastPosition = (result: LoadResult) => Math.max(0, ...result.positions.map((p) => p.position));

async function onPostgres(generator: LoadGenerator, url: string): Promise<Figures[]> {
  const { app, origin } = await startApi(url);
  const meter = await DatabaseCostMeter.open(url);
  const recruiter = bearer('recruiter');
  try {
    const jobId = await openJob(origin, recruiter);
    const submit = await measure(
      generator,
      meter,
      origin,
      recruiter,
      'POST /applications',
      { kind: 'submit', jobId, emailPrefix: 'pg' },
      { keepIds: 50_000, keepPositions: true },
    );
    const applications = submit.result.ids;
    await projectedUpTo(origin, recruiter, lastPosition(submit.result));
    const figures = [submit.figures];

    if (ROUTES.has('move')) {
      const move = await measure(
        generator,
        meter,
        origin,
        recruiter,
        'POST /applications/:id/move',
        { kind: 'move', applicationIds: applications },
        { keepPositions: true },
      );
      await projectedUpTo(origin, recruiter, lastPosition(move.result));
      figures.push(move.figures);
    }
    if (ROUTES.has('get')) {
      const get = await measure(generator, meter, origin, recruiter, 'GET /applications/:id', {
        kind: 'get',
        paths: applications.map((id) => `/applications/${id}`),
      });
      figures.push(get.figures);
    }
    if (ROUTES.has('breaches')) {
      // A job with a page's worth (100) of applications, each with a decision breached three days
      // on: the list's default page, whether or not the route pages yet.
      const pageJob = await openJob(origin, recruiter);
      let position = 0;
      for (let n = 0; n < 100; n++) {
        const candidate = { name: 'Breach Candidate', email: `breach-${n}@bench.example` };
        const { body } = await call<{ position: number }>(origin, recruiter, 'POST', '/applications', {
          jobId: pageJob,
          candidate,
        });
        position = body.position;
      }
      await projectedUpTo(origin, recruiter, position);
      const asOf = new Date(Date.now() + 3 * DAY).toISOString();
      const breaches = await measure(generator, meter, origin, recruiter, 'GET /sla/breaches', {
        kind: 'get',
        paths: [`/sla/breaches?asOf=${encodeURIComponent(asOf)}&jobId=${pageJob}`],
      });
      figures.push(breaches.figures);
    }
    return figures;
  } finally {
    await meter.close();
    await app.close();
  }
}

/** The same submits against the floor (load/floor.ts) on a database of its own. */
async function onFloor(generator: LoadGenerator): Promise<Figures> {
  return withBenchDatabase(async (url) => {
    const floor = await startFloor(url);
    const meter = await DatabaseCostMeter.open(url);
    try {
      const target: Target = { kind: 'submit', jobId: '00000000-0000-4000-8000-000000000000', emailPrefix: 'floor' };
      return (await measure(generator, meter, floor.origin, 'none', 'floor: node:http + one append', target)).figures;
    } finally {
      await meter.close();
      await floor.close();
    }
  });
}

async function onPglite(generator: LoadGenerator): Promise<Figures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ats-bench-pglite-'));
  // As main.ts starts it when DATABASE_URL is unset.
  const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 40 });
  try {
    const { app, origin } = await startApi(embedded.url);
    const recruiter = bearer('recruiter');
    try {
      const jobId = await openJob(origin, recruiter);
      const { figures } = await measure(generator, undefined, origin, recruiter, 'POST /applications (PGlite)', {
        kind: 'submit',
        jobId,
        emailPrefix: 'pglite',
      });
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

void withBenchDatabase(async (url) => {
  const generator = LoadGenerator.start();
  try {
    // As the store appends (together while its connections are busy), and each alone, as every
    // append was before group commit.
    const [appends, appendsAlone] = await withBenchDatabase(async (appendUrl) => {
      await prepareAppendDatabase(appendUrl);
      return [
        await measureAppends(appendUrl, 16, 1, APPEND_SECONDS),
        await measureAppends(appendUrl, 16, 1, APPEND_SECONDS, true),
      ];
    });
    console.log(JSON.stringify({ appends, appendsAlone }));
    const floor = ROUTES.has('floor') ? await onFloor(generator) : undefined;
    const routes = await onPostgres(generator, url);
    if (ROUTES.has('pglite')) routes.push(await onPglite(generator));

    const rateOf = (route: string) => routes.find((r) => r.route === route)?.requestsPerSecond ?? 0;
    const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
    const writes = ['POST /applications', 'POST /applications/:id/move'];
    const writeToAppendRatio = Object.fromEntries(writes.map((w) => [w, ratio(rateOf(w), appends.appendsPerSecond)]));
    const writeToAloneRatio = Object.fromEntries(
      writes.map((w) => [w, ratio(rateOf(w), appendsAlone.appendsPerSecond)]),
    );
    const fastestWrite = Math.max(...writes.map(rateOf));
    const floorRatios = floor
      ? {
          floorPerSecond: floor.requestsPerSecond,
          floorToAppend: ratio(floor.requestsPerSecond, appends.appendsPerSecond),
          ...Object.fromEntries(writes.map((w) => [`${w} to floor`, ratio(rateOf(w), floor.requestsPerSecond)])),
        }
      : {};
    if (floor) routes.unshift(floor);
    console.table(routes);
    console.table([
      {
        appendsPerSecond16Writers: appends.appendsPerSecond,
        appendsAlonePerSecond16Writers: appendsAlone.appendsPerSecond,
        rawInsertsPerSecond16: appends.rawInsertsPerSecond,
        ...writeToAppendRatio,
        readsToWrites: ratio(Math.min(rateOf('GET /applications/:id'), rateOf('GET /sla/breaches')), fastestWrite),
      },
    ]);
    if (floor) console.table([floorRatios]);
    console.log(
      JSON.stringify({
        routes: routes.map(({ route, connections, requestsPerSecond, p50Ms, p99Ms }) => ({
          route,
          connections,
          requestsPerSecond,
          p50Ms,
          p99Ms,
        })),
        appendsPerSecond: appends.appendsPerSecond,
        writeToAppendRatio,
        appendsAlonePerSecond: appendsAlone.appendsPerSecond,
        writeToAloneRatio,
        ...floorRatios,
      }),
    );
  } finally {
    await generator.stop();
  }
});
