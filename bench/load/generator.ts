import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentile } from '../support';
import type { LoadPlan, LoadResult, Target, WriteAnswer } from './plan';

/**
 * The load generator, run as a child process (see load-generator.ts) so that making requests does
 * not take event-loop time from the API it measures. Every connection runs a closed loop: send,
 * wait for the whole answer, send the next; with a rate, each connection keeps to its own slots.
 */

interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** A connection's sequence of requests; `answered` learns whether the last one succeeded. */
interface Sequence {
  next(): Request;
  answered(ok: boolean): void;
}

function sequences(target: Target, connections: number): Sequence[] {
  return Array.from({ length: connections }, (_, connection): Sequence => {
    switch (target.kind) {
      case 'submit': {
        let n = 0;
        return {
          next: () => ({
            method: 'POST',
            path: '/applications',
            body: JSON.stringify({
              jobId: target.jobId,
              candidate: { name: 'Bench Candidate', email: `${target.emailPrefix}-${connection}-${n++}@bench.example` },
              source: 'bench',
            }),
          }),
          answered: () => undefined,
        };
      }
      case 'move': {
        const own = target.applicationIds.filter((_, i) => i % connections === connection);
        if (own.length === 0) throw new Error('fewer applications than connections');
        const forth = new Set<string>();
        let n = 0;
        let current = own[0];
        return {
          next: () => {
            current = own[n++ % own.length];
            const body = forth.has(current)
              ? { toStage: 'applied', reason: 'bench: back and forth' }
              : { toStage: 'recruiter_screen' };
            return { method: 'POST', path: `/applications/${current}/move`, body: JSON.stringify(body) };
          },
          answered: (ok) => {
            if (!ok) return;
            if (forth.has(current)) forth.delete(current);
            else forth.add(current);
          },
        };
      }
      case 'get': {
        let n = connection;
        return {
          next: () => ({ method: 'GET', path: target.paths[n++ % target.paths.length] }),
          answered: () => undefined,
        };
      }
    }
  });
}

/** Ends the run in progress early (its figures cover the time it ran). */
let stopRequested: (() => void) | undefined;

async function run(plan: LoadPlan): Promise<LoadResult> {
  const pool = new Pool(plan.origin, { connections: plan.connections, pipelining: 1 });
  const headers = { authorization: plan.authorization, 'content-type': 'application/json' };
  const start = performance.now();
  const measureFrom = start + plan.warmupSeconds * 1000;
  let end = measureFrom + plan.seconds * 1000;
  stopRequested = () => (end = Math.min(end, performance.now()));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const ids: string[] = [];
  const positions: WriteAnswer[] = [];
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  const startCpu = setTimeout(() => (cpuAtStart = process.cpuUsage()), plan.warmupSeconds * 1000);

  const loop = async (sequence: Sequence, connection: number) => {
    const slotMs = plan.ratePerSecond ? (1000 * plan.connections) / plan.ratePerSecond : 0;
    for (let k = 0; ; k++) {
      if (slotMs > 0) {
        const slot = start + (k + connection / plan.connections) * slotMs;
        const wait = slot - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const sent = performance.now();
      if (sent >= end) return;
      const request = sequence.next();
      let status: string;
      let text = '';
      try {
        const answer = await pool.request({ ...request, headers });
        text = await answer.body.text();
        status = String(answer.statusCode);
      } catch {
        status = 'error';
      }
      const done = performance.now();
      const ok = status.startsWith('2');
      sequence.answered(ok);
      if (sent < measureFrom || done > end) continue;
      latencies.push(done - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!ok || (!plan.keepIds && !plan.keepPositions)) continue;
      const body = JSON.parse(text) as { id?: string; position?: number };
      if (plan.keepIds && ids.length < plan.keepIds && body.id) ids.push(body.id);
      if (plan.keepPositions && typeof body.position === 'number')
        positions.push({ position: body.position, answeredAt: performance.timeOrigin + done });
    }
  };
  try {
    await Promise.all(sequences(plan.target, plan.connections).map(loop));
  } finally {
    clearTimeout(startCpu);
    await pool.close();
  }
  const cpu = process.cpuUsage(cpuAtStart);
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    route: plan.route,
    connections: plan.connections,
    requests: latencies.length,
    requestsPerSecond: Math.round((latencies.length * 1000) / Math.max(1, end - measureFrom)),
    p50Ms: round(percentile(latencies, 50) ?? 0),
    p99Ms: round(percentile(latencies, 99) ?? 0),
    statuses,
    ids,
    positions,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
}

process.on('message', (message: LoadPlan | 'stop') => {
  if (message === 'stop') return stopRequested?.();
  run(message).then(
    (result) => process.send!({ result }),
    (error: unknown) =>
      process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
