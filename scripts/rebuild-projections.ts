import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { HiringProjection, rebuildProjection } from '@app/projections';
import { ConfigError, InfrastructureModule, loadConfig } from '@app/platform';

/**
 * npm run projections:rebuild — replays the whole event log into fresh read-model tables and swaps
 * them in, while the API (and its projection runner) keep running. Same configuration as the API
 * (DATABASE_URL, EVENT_STORE, SLA_*). REBUILD_BATCH sets events per transaction (default 5000);
 * REBUILD_WRITERS the connections that write the tables out and build the indexes side by side
 * (default 2).
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
  // The API's own composition (database options, migrations, the crypto-shredding event store), without
  // its routes and without a projection runner of its own.
  const context = await NestFactory.createApplicationContext(
    InfrastructureModule.forRoot({ ...config, databaseUrl: config.databaseUrl, projections: 'off' }),
    { logger: false },
  );
  const dataSource = context.get(DataSource);
  const store = context.get<EventStore>(EVENT_STORE);
  try {
    let reported = Date.now();
    const report = await rebuildProjection(dataSource, store, new HiringProjection(config.sla), {
      batchSize: Number(process.env.REBUILD_BATCH ?? 5000),
      parallelWriters: Number(process.env.REBUILD_WRITERS ?? 2),
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
    await context.close();
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
