import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { NewEvent } from '@app/event-store';
import { rate, withBenchDatabase } from './support';

/**
 * Appends per second to the PostgreSQL event store: single-event and 10-event appends, with 1 and 16
 * concurrent writers, each writer on its own streams (the usual shape: many applications at once).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function scenario(url: string, writers: number, eventsPerAppend: number) {
  const store = await PostgresEventStore.open({ connectionString: url, poolSize: writers, listen: false });
  const events: NewEvent[] = Array.from({ length: eventsPerAppend }, (_, n) => ({
    type: 'BenchmarkEvent',
    schemaVersion: 1,
    data: { n, note: 'a payload of realistic size for a pipeline event', at: new Date().toISOString() },
    metadata: { actor: 'bench', correlationId: 'bench' },
  }));
  const deadline = Date.now() + SECONDS * 1000;
  const started = Date.now();
  let appends = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let stream = 0; Date.now() < deadline; stream++) {
        // Ten appends per stream, each at its exact expected revision, as command handlers do.
        for (let revision = -1; revision < 9 * eventsPerAppend && Date.now() < deadline; revision += eventsPerAppend) {
          await store.append(`bench-${writers}-${eventsPerAppend}-${w}-${stream}`, events, {
            expectedRevision: revision < 0 ? 'no_stream' : revision,
          });
          appends++;
        }
      }
    }),
  );
  const elapsed = Date.now() - started;
  await store.close();
  return {
    writers,
    eventsPerAppend,
    appendsPerSecond: rate(appends, elapsed),
    eventsPerSecond: rate(appends * eventsPerAppend, elapsed),
  };
}

void withBenchDatabase(async (url) => {
  const results = [];
  for (const [writers, size] of [
    [1, 1],
    [16, 1],
    [1, 10],
    [16, 10],
  ]) {
    results.push(await scenario(url, writers, size));
  }
  console.table(results);
});
