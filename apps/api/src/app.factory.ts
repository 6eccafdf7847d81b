import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type Config, httpAdapter } from '@app/platform';
import { AppModule } from './app.module';

export interface AppOptions {
  logger?: LoggerService | false;
}

/** Nest's options for the API, the same in production and in tests; bodies are httpAdapter()'s. */
export const appOptions = (options: AppOptions) => ({
  logger: options.logger ?? new ConsoleLogger({ json: true }),
  bodyParser: false,
  // A failed start throws to the caller (main.ts exits on it) instead of ending the process from
  // inside Nest, which would take a test runner down with it.
  abortOnError: false,
});

/** The whole API, configured as it runs in production. */
export async function createApp(
  config: Config & { databaseUrl: string },
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    httpAdapter(),
    appOptions(options),
  );
  return configureApp(app);
}

/**
 * The OpenAPI document, then the app started: what an app needs beyond its modules. Tests call it
 * too. Fastify is made ready here, so requests to `getHttpServer()` are served without `listen()`.
 */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hiring pipeline')
      .setDescription('An event-sourced applicant tracking backend with a 48-hour feedback promise.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
