import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type Config, refusePrototypeKeys, refuseUnstorableText, requireJsonBodies } from '@app/platform';
import { AppModule } from './app.module';

export interface AppOptions {
  logger?: LoggerService | false;
}

/** Nest's options for the API, the same in production and in tests. */
export const appOptions = (options: AppOptions) => ({
  logger: options.logger ?? new ConsoleLogger({ json: true }),
  bodyParser: false,
});

/** The whole API, configured as it runs in production. */
export async function createApp(
  config: Config & { databaseUrl: string },
  options: AppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), appOptions(options));
  return configureApp(app);
}

/** Body parsing and the OpenAPI document: what an app needs beyond its modules. Tests call it too. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.use(requireJsonBodies);
  app.useBodyParser('json', {
    limit: '256kb',
    type: ['application/json', 'application/*+json'],
    reviver: refuseUnstorableText,
  });
  app.use(refusePrototypeKeys);
  app.disable('x-powered-by');

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
  return app;
}
