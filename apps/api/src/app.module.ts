import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import {
  AuthGuard,
  type Config,
  HealthController,
  IdempotencyInterceptor,
  InfrastructureModule,
  MetricsController,
  ProblemDetailsFilter,
  ProjectionsModule,
  validationPipe,
} from '@app/platform';
import { ApplicationsModule } from './applications/applications.module';
import { BoardModule } from './board/board.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { JobsModule } from './jobs/jobs.module';
import { MeModule } from './me/me.module';
import { ReportsModule } from './reports/reports.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { SlaPolicyModule } from './sla-policy/sla-policy.module';

/** The API: the shared infrastructure, the HTTP conventions, and one module per feature. */
@Module({})
export class AppModule {
  static forRoot(config: Config & { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        // The projections' lifecycle, and their contribution to /health.
        ProjectionsModule,
        JobsModule,
        ApplicationsModule,
        DashboardsModule,
        ReportsModule,
        BoardModule.forRoot(config),
        WebhooksModule,
        SlaPolicyModule,
        MeModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: validationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
