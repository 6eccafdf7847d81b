import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
// The projector is the API's composition without its routes: the same infrastructure, the same
// runner service, health and metrics, so that both processes run projections the same way.
import {
  type Config,
  HealthController,
  InfrastructureModule,
  MetricsController,
  ProblemDetailsFilter,
  ProjectionsModule,
} from '@app/platform';
import { NotificationsModule } from '@app/platform/notifications';

@Module({})
export class ProjectorModule {
  static forRoot(config: Config & { databaseUrl: string }): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        InfrastructureModule.forRoot({ ...config, projections: 'on' }),
        TerminusModule.forRoot({ logger: false }),
        ProjectionsModule,
        NotificationsModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
