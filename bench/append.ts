import { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { NewEvent } from '@app/event-store';
import { rate, withBenchDatabase } from './support';

/**
 * Appends per second to the PostgreSQL event store: single-event and 10-event appends, with 1 and 16
 * concurrent writers, each writer on its own streams (the usual shape: many applications at once).
 * Beside each figure, the raw limit of the same server measured in the same run: single-row insert
 * transactions into a table shaped like the events table, from as many connections.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const payload = (n: number) => ({
  n,
  note: 'a payload of realistic size for a pipeline event',
  at: new Date().toISOString(),
});
const metadata = { actor: 'bench', correlationId: 'bench' };

interface Figures {
  writers: number;
  eventsPerAppend: number;
  appendsPerSecond: number;
  eventsPerSecond: number;
  rawInsertsPerSecond: number;
  ratioToRaw: number;
}

/** Runs `writers` loops until the deadline; returns operations per second. */
async function timed(writers: number, operation: (writer: number) => Promise<void>): Promise<number> {
  const deadline = Date.now() + SECONDS * 1000;
  const started = Date.now();
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (Date.now() < deadline) {
        await operation(w);
        count++;
      }
    }),
  );
  return rate(count, Date.now() - started);
}

/** The events table's columns, keys and indexes in a schema of its own, without the append function. */
async function createRawTable(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('create schema if not exists bench_raw');
    await pool.query('create table bench_raw.events (like event_store.events including all)');
    await pool.query('create sequence bench_raw.positions as bigint');
  } finally {
    await pool.end();
  }
}

let rawRuns = 0;

async function rawInserts(url: string, writers: number): Promise<number> {
  const run = ++rawRuns;
  const pool = new Pool({ connectionString: url, max: writers });
  const streams = new Map<number, { id: number; revision: number }>();
  try {
    return await timed(writers, async (w) => {
      const stream = streams.get(w) ?? { id: 0, revision: -1 };
      stream.revision += 1;
      if (stream.revision === 10) Object.assign(stream, { id: stream.id + 1, revision: 0 });
      streams.set(w, stream);
      await pool.query(
        `insert into bench_raw.events
           (position, stream_id, revision, type, schema_version, data, metadata, transaction_id)
         values (nextval('bench_raw.positions'), $1, $2, 'BenchmarkEvent', 1, $3, $4, pg_current_xact_id())`,
        [`raw-${run}-${w}-${stream.id}`, stream.revision, JSON.stringify(payload(0)), JSON.stringify(metadata)],
      );
    });
  } finally {
    await pool.end();
  }
}

async function appends(url: string, writers: number, eventsPerAppend: number): Promise<number> {
  const store = await PostgresEventStore.open({ connectionString: url, poolSize: writers, listen: false });
  const events: NewEvent[] = Array.from({ length: eventsPerAppend }, (_, n) => ({
    type: 'BenchmarkEvent',
    schemaVersion: 1,
    data: payload(n),
    metadata,
  }));
  // Ten appends per stream, each at its exact expected revision, as command handlers do.
  const streams = new Map<number, { id: number; appended: number }>();
  try {
    return await timed(writers, async (w) => {
      const stream = streams.get(w) ?? { id: 0, appended: 0 };
      if (stream.appended === 10) Object.assign(stream, { id: stream.id + 1, appended: 0 });
      streams.set(w, stream);
      const revision = stream.appended * eventsPerAppend - 1;
      await store.append(`bench-${writers}-${eventsPerAppend}-${w}-${stream.id}`, events, {
        expectedRevision: revision < 0 ? 'no_stream' : revision,
      });
      stream.appended += 1;
    });
  } finally {
    await store.close();
  }
}

void withBenchDatabase(async (url) => {
  // Opening a store installs the schema that the raw table copies.
  await (await PostgresEventStore.open({ connectionString: url, poolSize: 1, listen: false })).close();
  await createRawTable(url);

  // The machine is shared: each scenario is measured right after its own raw limit, so that both
  // see the same background load.
  const results: Figures[] = [];
  for (const [writers, eventsPerAppend] of [
    [1, 1],
    [16, 1],
    [1, 10],
    [16, 10],
  ]) {
    const rawInsertsPerSecond = await rawInserts(url, writers);
    const appendsPerSecond = await appends(url, writers, eventsPerAppend);
    results.push({
      writers,
      eventsPerAppend,
      appendsPerSecond,
      eventsPerSecond: appendsPerSecond * eventsPerAppend,
      rawInsertsPerSecond,
      ratioToRaw: Math.round((appendsPerSecond / rawInsertsPerSecond) * 100) / 100,
    });
  }
  console.table(results);
  console.log(JSON.stringify(results));
});
