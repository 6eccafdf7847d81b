import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsController } from './applications/applications.controller';
import { ChangeApplicationHandler } from './applications/commands/change-application';
import { EraseCandidateHandler } from './applications/commands/erase-candidate';
import { SubmitApplicationHandler } from './applications/commands/submit-application';
import { InterviewsController } from './applications/interviews.controller';
import { GetApplicationHandler, GetApplicationHistoryHandler } from './applications/queries/application.queries';
import { AuthGuard } from './auth/auth.guard';
import { CandidateRecord } from './candidates/candidate.entity';
import { CandidateStore } from './candidates/candidate-store';
import { type Config } from './config/config';
import { DashboardsModule } from './dashboards/dashboards.module';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationPipe } from './http/validation';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { type Clock } from './infrastructure/clock';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ChangeJobHandler } from './jobs/job.commands';
import { GetJobHandler } from './jobs/job.queries';
import { JobsController } from './jobs/jobs.controller';
import { MetricsController } from './metrics/metrics.controller';

@Module({})
export class AppModule {
  static forRoot(config: Config & { databaseUrl: string }, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, clock),
        CqrsModule.forRoot(),
        JwtModule.register({ secret: config.jwtSecret, verifyOptions: { algorithms: ['HS256'] } }),
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forFeature([CandidateRecord]),
        DashboardsModule,
      ],
      controllers: [JobsController, ApplicationsController, InterviewsController, HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: validationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        CandidateStore,
        ChangeJobHandler,
        GetJobHandler,
        SubmitApplicationHandler,
        ChangeApplicationHandler,
        EraseCandidateHandler,
        GetApplicationHandler,
        GetApplicationHistoryHandler,
      ],
    };
  }
}
