import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
// The projector is the API's composition without its routes: the same infrastructure, the same
// runner service, health and metrics, so that both processes run projections the same way.
import { type Config } from '../../api/src/config/config';
import { ProjectionsModule } from '../../api/src/dashboards/projections.module';
import { HealthController } from '../../api/src/health/health.controller';
import { ProblemDetailsFilter } from '../../api/src/http/problem-details.filter';
import { type Clock } from '../../api/src/infrastructure/clock';
import { InfrastructureModule } from '../../api/src/infrastructure/infrastructure.module';
import { MetricsController } from '../../api/src/metrics/metrics.controller';

@Module({})
export class ProjectorModule {
  static forRoot(config: Config & { databaseUrl: string }, clock: Clock): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        InfrastructureModule.forRoot({ ...config, projections: 'on' }, clock),
        TerminusModule.forRoot({ logger: false }),
        ProjectionsModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
