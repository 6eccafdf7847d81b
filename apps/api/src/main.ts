import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startEmbeddedPostgres } from '@app/event-store/postgres/embedded-postgres';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from '@app/platform';

const logger = new Logger('Main');

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.usingDevelopmentSecret)
    logger.warn('JWT_SECRET is not set: using the development secret. Never do this in production.');

  // Embedded PostgreSQL outlives the app: it is stopped only after the app has closed its pools.
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: 40 });
  if (embedded) logger.log(`No DATABASE_URL: embedded PostgreSQL (PGlite) with data in ${config.dataDir}`);

  const app = await createApp({ ...config, databaseUrl: config.databaseUrl ?? embedded!.url });
  // Fastify would listen on localhost alone; every interface, as before, so a container is reachable.
  await app.listen(config.port, '0.0.0.0');
  logger.log(`Listening on port ${config.port}; API docs at /docs`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing requests and projections in flight, then stopping`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  process.exit(1);
});
