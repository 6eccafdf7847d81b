import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { refuseUnstorableText, requireJsonBodies } from './http/body';
import { type Config } from './config/config';
import { type Clock, systemClock } from './infrastructure/clock';

export interface AppOptions {
  clock?: Clock;
  logger?: LoggerService | false;
}

/** The whole API, configured as it runs in production; tests build it the same way. */
export async function createApp(
  config: Config & { databaseUrl: string },
  options: AppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.clock ?? systemClock),
    {
      logger: options.logger ?? new ConsoleLogger({ json: true }),
      bodyParser: false,
    },
  );
  app.use(requireJsonBodies);
  app.useBodyParser('json', {
    limit: '256kb',
    type: ['application/json', 'application/*+json'],
    reviver: refuseUnstorableText,
  });
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
