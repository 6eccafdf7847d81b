import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { percentile, rate, withBenchDatabase } from './support';

/**
 * Webhook delivery under write load: BENCH_WRITERS concurrent clients (default 32) POST
 * /applications to the real app for BENCH_SECONDS (default 15) while one webhook, subscribed to
 * application.submitted, points at a loopback receiver. Reports writes/s, deliveries/s, and the delay
 * from append (the event's recordedAt, which the body's `timestamp` carries) and from the write's
 * answer to the receiver's clock, p50/p99. The app runs as with PROJECTIONS=on (projections and
 * webhooks in its process); the clients and the receiver run in a worker thread, as they would run
 * elsewhere, so that they do not take the app's event loop. The last line is every figure as JSON.
 */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const DRAIN_MS = 60_000;
const SECRET = 'bench-secret-of-sufficient-length';

interface Load {
  base: string;
  authorization: string;
  writers: number;
  seconds: number;
}

interface Received {
  recordedAt: number;
  receivedAt: number;
}

/** A receiver that answers 200 at once and notes when each submission arrived. */
async function startReceiver() {
  const received = new Map<string, Received>();
  let duplicates = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const receivedAt = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        timestamp: string;
        data: { applicationId: string };
      };
      if (received.has(body.data.applicationId)) duplicates++;
      else received.set(body.data.applicationId, { recordedAt: Date.parse(body.timestamp), receivedAt });
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    duplicates: () => duplicates,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function latency(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) };
}

/** The worker's side: a job, a webhook to its receiver, the writers, then the drain; returns the figures. */
async function generateLoad({ base, authorization, writers, seconds }: Load) {
  const receiver = await startReceiver();
  const post = async (path: string, body: object) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { id: string } };
  };
  try {
    const job = await post('/jobs', { title: 'Benchmark engineer' });
    const webhook = await post('/webhooks', { url: receiver.url, events: ['application.submitted'] });
    if (job.status !== 201 || webhook.status !== 201) throw new Error('could not set up the job and the webhook');

    const answeredAt = new Map<string, number>();
    const writeMs: number[] = [];
    const failures: Record<string, number> = {};
    const started = Date.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let n = 0; Date.now() < deadline; n++) {
          const sent = Date.now();
          const { status, body } = await post('/applications', {
            jobId: job.body.id,
            candidate: { name: `Candidate ${writer}-${n}`, email: `c-${writer}-${n}@example.com` },
          });
          const answered = Date.now();
          if (status === 201) {
            answeredAt.set(body.id, answered);
            writeMs.push(answered - sent);
          } else failures[status] = (failures[status] ?? 0) + 1;
        }
      }),
    );
    const writesEnded = Date.now();
    while (receiver.received.size < answeredAt.size && Date.now() < writesEnded + DRAIN_MS) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const delivered = [...answeredAt].flatMap(([id, answered]) => {
      const received = receiver.received.get(id);
      return received ? [{ ...received, answered }] : [];
    });
    const lastDelivery = Math.max(...delivered.map((d) => d.receivedAt));
    return {
      writers,
      seconds,
      writes: answeredAt.size,
      failedWrites: failures,
      writesPerSecond: rate(answeredAt.size, writesEnded - started),
      writeMs: latency(writeMs),
      deliveries: delivered.length,
      missing: answeredAt.size - delivered.length,
      duplicates: receiver.duplicates(),
      deliveriesPerSecond: rate(delivered.length, lastDelivery - started),
      drainMs: Math.max(0, lastDelivery - writesEnded),
      delayFromAppendMs: latency(delivered.map((d) => d.receivedAt - d.recordedAt)),
      delayFromAnswerMs: latency(delivered.map((d) => d.receivedAt - d.answered)),
    };
  } finally {
    await receiver.close();
  }
}

type Figures = Awaited<ReturnType<typeof generateLoad>>;

/**
 * Where the delay goes, from the delivery rows: append to fan-out (the row's creation) and fan-out to
 * the first attempt (the dispatcher's queue).
 */
async function stages(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ fan_out: number[]; queued: number[] }>(
      `select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from d.created_at - e.recorded_at) * 1000) as fan_out,
              percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from d.last_attempt_at - d.created_at) * 1000) as queued
         from webhook_deliveries d join event_store.events e on e.position = d.position`,
    );
    const [{ fan_out: fanOut, queued }] = rows;
    return {
      appendToFanOutMs: { p50: round(fanOut[0]), p99: round(fanOut[1]) },
      fanOutToAttemptMs: { p50: round(queued[0]), p99: round(queued[1]) },
    };
  } finally {
    await client.end();
  }
}

function report(figures: Figures & Awaited<ReturnType<typeof stages>>): void {
  const pair = (l: { p50: number; p99: number }) => `${l.p50} / ${l.p99}`;
  console.table([
    { figure: 'writes/s', value: figures.writesPerSecond },
    { figure: 'deliveries/s', value: figures.deliveriesPerSecond },
    { figure: 'write p50 / p99 ms', value: pair(figures.writeMs) },
    { figure: 'append → delivery p50 / p99 ms', value: pair(figures.delayFromAppendMs) },
    { figure: 'answer → delivery p50 / p99 ms', value: pair(figures.delayFromAnswerMs) },
    { figure: 'append → fan-out p50 / p99 ms', value: pair(figures.appendToFanOutMs) },
    { figure: 'fan-out → attempt p50 / p99 ms', value: pair(figures.fanOutToAttemptMs) },
    { figure: 'missing / duplicates', value: `${figures.missing} / ${figures.duplicates}` },
  ]);
  console.log(JSON.stringify(figures));
}

async function main(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const { createApp } = await import('../apps/api/src/app.factory');
    const { loadConfig } = await import('@app/platform');
    const { JwtService } = await import('@nestjs/jwt');
    const config = loadConfig({ JWT_SECRET: SECRET, WEBHOOK_ALLOW_PRIVATE: 'true' });
    const app = await createApp({ ...config, databaseUrl: url }, { logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const load: Load = {
        base: await app.getUrl(),
        authorization: `Bearer ${new JwtService({ secret: SECRET }).sign({ sub: 'bench-admin', role: 'admin' }, { algorithm: 'HS256' })}`,
        writers: WRITERS,
        seconds: SECONDS,
      };
      // The worker runs this file again, with the same -r hook for TypeScript.
      const worker = new Worker(__filename, { workerData: load });
      const figures = await new Promise<Figures>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      await worker.terminate();
      report({ ...figures, ...(await stages(url)) });
    } finally {
      await app.close();
    }
  });
}

if (isMainThread) void main();
else void generateLoad(workerData as Load).then((figures) => parentPort!.postMessage(figures));
