import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, httpAdapter, loadConfig } from '@app/platform';
import { ProjectorModule } from './projector.module';

const logger = new Logger('Projector');

/**
 * Runs only the projections, for deployments where the API runs with PROJECTIONS=off. Several
 * projectors may run at once: each projection is held by one of them through a PostgreSQL advisory
 * lock, and the others stand by to take over. Serves /health and /metrics on PORT.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new Error(
      'The projector needs DATABASE_URL: the embedded database belongs to the API process that started it.',
    );
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorModule.forRoot({ ...config, databaseUrl: config.databaseUrl }),
    httpAdapter(),
    { logger: new ConsoleLogger({ json: true }), bodyParser: false },
  );
  // Every interface, not Fastify's default of localhost alone: the health check comes from outside.
  await app.listen(config.port, '0.0.0.0');
  logger.log(`Projecting; health and metrics on port ${config.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the batch in flight, then stopping`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError || !(error instanceof Error)
      ? String(error instanceof Error ? error.message : error)
      : error.stack,
  );
  process.exit(1);
});
