import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { call } from '../load/api';
import type { LoadGenerator } from '../load/load-generator';
import type { WriteAnswer } from '../load/plan';
import { percentile } from '../support';

/**
 * How far the live read model falls behind the writes while a full rebuild runs beside it. Writes
 * come at a steady rate from the load generator, each answer with its position; every
 * SAMPLE_EVERY_MS this process reads the position the read model reflects (the one
 * X-Projection-Position carries) from GET /admin/projections, with the rebuild's status. A sample's
 * lag is how long the oldest write that was answered but is not yet in the read model has been
 * waiting (0 when there is none), judged when the answer arrives: a little high, never low.
 */
const SAMPLE_EVERY_MS = 100;

export interface RebuildLag {
  writesPerSecond: number;
  writeP99Ms: number;
  samples: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagMaxMs: number;
  rebuildMs: number;
  rebuildEventsPerSecond: number | null;
  /** The same figures for the writes before the rebuild began, for comparison. */
  steadyLagP95Ms: number;
  /** How long the API's event loop was held up during the rebuild (it runs in the API process). */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

interface Sample {
  at: number;
  position: number;
}

interface Status {
  position: number;
  rebuild: { status: string; report?: { eventsPerSecond: number } };
}

/** The lag of each sample, given every write's position and when it was answered. */
function lags(samples: readonly Sample[], writes: readonly WriteAnswer[]): number[] {
  const byPosition = [...writes].sort((a, b) => a.position - b.position);
  return samples.map(({ at, position }) => {
    // The first write past the sampled position, by binary search; every later one is later still.
    let low = 0;
    let high = byPosition.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byPosition[middle].position <= position) low = middle + 1;
      else high = middle;
    }
    const waiting = byPosition.slice(low).filter((w) => w.answeredAt <= at);
    return waiting.length === 0 ? 0 : at - Math.min(...waiting.map((w) => w.answeredAt));
  });
}

export async function lagDuringRebuild(
  generator: LoadGenerator,
  origin: string,
  tokens: { writer: string; admin: string },
  jobId: string,
  writesPerSecond: number,
): Promise<RebuildLag> {
  const samples: Sample[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  /** Samples until `done` says so, given each answer. */
  const sampleUntil = async (done: (status: Status) => boolean): Promise<Status> => {
    for (;;) {
      const next = performance.now() + SAMPLE_EVERY_MS;
      const { body } = await call<Status>(origin, tokens.admin, 'GET', '/admin/projections');
      samples.push({ at: performance.timeOrigin + performance.now(), position: body.position });
      if (done(body)) return body;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  };

  const writes = generator.run({
    route: 'POST /applications during a rebuild',
    origin,
    authorization: tokens.writer,
    connections: 8,
    seconds: 3600,
    warmupSeconds: 0,
    ratePerSecond: writesPerSecond,
    target: { kind: 'submit', jobId, emailPrefix: 'during-rebuild' },
    keepPositions: true,
  });

  let final: Status;
  let rebuildMs: number;
  let steadySamples: number;
  try {
    const steadyUntil = performance.now() + 5000;
    await sampleUntil(() => performance.now() >= steadyUntil);
    steadySamples = samples.length;
    loopDelay.enable();
    const started = performance.now();
    const { status } = await call(origin, tokens.admin, 'POST', '/admin/projections/rebuild');
    if (status !== 202) throw new Error(`POST /admin/projections/rebuild: ${status}`);
    final = await sampleUntil((body) => body.rebuild.status !== 'running');
    rebuildMs = performance.now() - started;
    if (final.rebuild.status !== 'done') throw new Error(`the rebuild ended ${JSON.stringify(final.rebuild)}`);
  } finally {
    loopDelay.disable();
    generator.finishRun();
  }
  if (process.env.BENCH_LAG_TRACE) {
    const begin = samples[steadySamples]?.at ?? 0;
    const trace = lags(samples, (await writes).positions).map(
      (lag, n) => `${Math.round(samples[n].at - begin)}:${Math.round(lag)}`,
    );
    console.log(`lag trace (ms since the rebuild began:lag ms): ${trace.join(' ')}`);
  }
  const result = await writes;
  const steady = lags(samples.slice(0, steadySamples), result.positions).sort((a, b) => a - b);
  const during = lags(samples.slice(steadySamples), result.positions).sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms);
  return {
    writesPerSecond: result.requestsPerSecond,
    writeP99Ms: result.p99Ms,
    samples: during.length,
    lagP50Ms: round(percentile(during, 50)),
    lagP95Ms: round(percentile(during, 95)),
    lagMaxMs: round(during.at(-1) ?? 0),
    rebuildMs: round(rebuildMs),
    rebuildEventsPerSecond: final.rebuild.report?.eventsPerSecond ?? null,
    steadyLagP95Ms: round(percentile(steady, 95)),
    eventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
    eventLoopDelayMaxMs: round(loopDelay.max / 1e6),
  };
}
