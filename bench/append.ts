import { type AppendFigures, measureAppends, prepareAppendDatabase } from './append-rate';
import { withBenchDatabase } from './support';

/**
 * Appends per second to the PostgreSQL event store: single-event and 10-event appends, with 1 and 16
 * concurrent writers (appends go together while the store's connections are busy), and 16 writers
 * whose appends never wait (every append its own transaction), each beside the raw insert limit of
 * the same server (see append-rate.ts).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

void withBenchDatabase(async (url) => {
  await prepareAppendDatabase(url);
  const results: AppendFigures[] = [];
  for (const [writers, eventsPerAppend, alone] of [
    [1, 1, false],
    [16, 1, false],
    [16, 1, true],
    [1, 10, false],
    [16, 10, false],
  ] as const) {
    results.push(await measureAppends(url, writers, eventsPerAppend, SECONDS, alone));
  }
  console.table(results);
  console.log(JSON.stringify(results));
});
