import { openEventStore, SqlKeyStore } from '@app/event-store';
import { PERSONAL_DATA_POLICY } from '@app/hiring';
import { HiringProjection, PROJECTION_ENTITIES, PROJECTION_MIGRATIONS, rebuildProjection } from '@app/projections';
import { CandidateRecord } from '../apps/api/src/candidates/candidate.entity';
import { ConfigError, loadConfig } from '../apps/api/src/config/config';
import { CandidatesAndIdempotency1732430000000 } from '../apps/api/src/database/migrations/1732430000000-candidates-and-idempotency';
import { openReadStore } from '../apps/api/src/infrastructure/read-store';

/**
 * npm run projections:rebuild — replays the whole event log into fresh read-model tables and swaps
 * them in, while the API (and its projection runner) keep running. Same configuration as the API
 * (DATABASE_URL, EVENT_STORE, SLA_*). REBUILD_BATCH sets events per transaction (default 5000).
 *
 * The embedded database belongs to the API process that runs it: without DATABASE_URL, use
 * POST /admin/projections/rebuild instead.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError([
      'DATABASE_URL is required: the embedded database is rebuilt through POST /admin/projections/rebuild',
    ]);
  }
  const dataSource = await openReadStore({
    type: 'postgres',
    url: config.databaseUrl,
    entities: [CandidateRecord, ...PROJECTION_ENTITIES],
    migrations: [CandidatesAndIdempotency1732430000000, ...PROJECTION_MIGRATIONS],
    poolSize: 4,
  });
  const keys = new SqlKeyStore((sql, parameters) => dataSource.query(sql, parameters));
  // Through the same crypto-shredding store as the API: free text is opened, erased text reads as null.
  const store = await openEventStore({
    kind: config.eventStore,
    databaseUrl: config.databaseUrl,
    eventStoreConnectionString: config.eventStoreConnectionString,
    poolSize: 4,
    keys,
    personalData: PERSONAL_DATA_POLICY,
  });
  try {
    let reported = Date.now();
    const report = await rebuildProjection(dataSource, store, new HiringProjection(config.sla), {
      batchSize: Number(process.env.REBUILD_BATCH ?? 5000),
      onProgress: ({ position, events }) => {
        if (Date.now() - reported < 5000) return;
        reported = Date.now();
        console.log(`… ${events} events replayed, at position ${position}`);
      },
    });
    console.log(
      `read model rebuilt: ${report.events} events in ${report.durationMs} ms (${report.eventsPerSecond} events/s), live at position ${report.position}`,
    );
  } finally {
    await store.close();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error),
  );
  process.exit(1);
});
