import { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { NewEvent } from '@app/event-store';
import { rate } from './support';

/**
 * What the event store can take: appends per second from a number of writers, each on its own
 * streams (the usual shape: many applications at once), and beside it the raw limit of the same
 * server, single-row insert transactions into a table shaped like the events table. bench:append
 * prints every combination; bench:http compares the HTTP write rate with the 16-writer figure.
 */
const payload = (n: number) => ({
  n,
  note: 'a payload of realistic size for a pipeline event',
  at: new Date().toISOString(),
});
const metadata = { actor: 'bench', correlationId: 'bench' };

/** Runs `writers` loops for `seconds`; returns operations per second. */
async function timed(seconds: number, writers: number, operation: (writer: number) => Promise<void>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
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

/** Installs the event store's schema (opening a store does) and a copy of its events table without the append function. */
export async function prepareAppendDatabase(url: string): Promise<void> {
  await (await PostgresEventStore.open({ connectionString: url, poolSize: 1, listen: false })).close();
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('create schema if not exists bench_raw');
    await pool.query('create table if not exists bench_raw.events (like event_store.events including all)');
    await pool.query('create sequence if not exists bench_raw.positions as bigint');
  } finally {
    await pool.end();
  }
}

let runs = 0;

export async function rawInsertRate(url: string, writers: number, seconds: number): Promise<number> {
  const run = ++runs;
  const pool = new Pool({ connectionString: url, max: writers });
  const streams = new Map<number, { id: number; revision: number }>();
  try {
    return await timed(seconds, writers, async (w) => {
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

/**
 * `writers` loops appending through one store, as the requests of one process do: appends that
 * wait for a connection go together, and so do those that writers ask for in the same turn of the
 * event loop. With `alone`, every append is its own transaction, like each raw insert, and none
 * waits for another: what the store sustains without group commit.
 */
export async function appendRate(
  url: string,
  writers: number,
  eventsPerAppend: number,
  seconds: number,
  alone = false,
): Promise<number> {
  const run = ++runs;
  const store = await PostgresEventStore.open({
    connectionString: url,
    poolSize: writers,
    ...(alone ? { appendsInFlight: writers, largestAppendGroup: 1 } : {}),
    listen: false,
  });
  const events: NewEvent[] = Array.from({ length: eventsPerAppend }, (_, n) => ({
    type: 'BenchmarkEvent',
    schemaVersion: 1,
    data: payload(n),
    metadata,
  }));
  // Ten appends per stream, each at its exact expected revision, as command handlers do.
  const streams = new Map<number, { id: number; appended: number }>();
  try {
    return await timed(seconds, writers, async (w) => {
      const stream = streams.get(w) ?? { id: 0, appended: 0 };
      if (stream.appended === 10) Object.assign(stream, { id: stream.id + 1, appended: 0 });
      streams.set(w, stream);
      const revision = stream.appended * eventsPerAppend - 1;
      await store.append(`bench-${run}-${w}-${stream.id}`, events, {
        expectedRevision: revision < 0 ? 'no_stream' : revision,
      });
      stream.appended += 1;
    });
  } finally {
    await store.close();
  }
}

export interface AppendFigures {
  writers: number;
  /** No append waits for another: each is its own transaction. */
  alone: boolean;
  eventsPerAppend: number;
  appendsPerSecond: number;
  eventsPerSecond: number;
  rawInsertsPerSecond: number;
  ratioToRaw: number;
}

/**
 * One scenario, measured right after its own raw limit so that both see the same background load
 * (the machine is shared). The database must have been prepared with prepareAppendDatabase.
 */
export async function measureAppends(
  url: string,
  writers: number,
  eventsPerAppend: number,
  seconds: number,
  alone = false,
): Promise<AppendFigures> {
  const rawInsertsPerSecond = await rawInsertRate(url, writers, seconds);
  const appendsPerSecond = await appendRate(url, writers, eventsPerAppend, seconds, alone);
  return {
    writers,
    alone,
    eventsPerAppend,
    appendsPerSecond,
    eventsPerSecond: appendsPerSecond * eventsPerAppend,
    rawInsertsPerSecond,
    ratioToRaw: Math.round((appendsPerSecond / rawInsertsPerSecond) * 100) / 100,
  };
}
