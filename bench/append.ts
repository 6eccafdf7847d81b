import { type AppendFigures, measureAppends, prepareAppendDatabase } from './append-rate';
import { withBenchDatabase } from './support';

/**
 * Appends per second to the PostgreSQL event store: single-event and 10-event appends, with 1 and 16
 * concurrent writers, each beside the raw insert limit of the same server (see append-rate.ts).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

void withBenchDatabase(async (url) => {
  await prepareAppendDatabase(url);
  const results: AppendFigures[] = [];
  for (const [writers, eventsPerAppend] of [
    [1, 1],
    [16, 1],
    [1, 10],
    [16, 10],
  ]) {
    results.push(await measureAppends(url, writers, eventsPerAppend, SECONDS));
  }
  console.table(results);
  console.log(JSON.stringify(results));
});
