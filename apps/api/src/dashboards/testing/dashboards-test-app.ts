import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule, JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS, sqlOf } from '@app/projections';
import { HiringWriter } from '@app/projections/testing/hiring-writer';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthGuard } from '../../auth/auth.guard';
import type { Role } from '../../auth/roles';
import { CandidateRecord } from '../../candidates/candidate.entity';
import { type Config, CONFIG, loadConfig } from '../../config/config';
import { CandidatesAndIdempotency1732430000000 } from '../../database/migrations/1732430000000-candidates-and-idempotency';
import { ProblemDetailsFilter } from '../../http/problem-details.filter';
import { validationPipe } from '../../http/validation';
import { type Clock, CLOCK } from '../../infrastructure/clock';
import { DashboardsModule } from '../dashboards.module';

const SECRET = 'dashboards-test-secret-long-enough';

/** A clock the test sets by hand. */
export class SettableClock implements Clock {
  constructor(private current = new Date('2026-11-25T13:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

@Global()
@Module({})
class TestInfrastructure {
  static forRoot(config: Config & { databaseUrl: string }, clock: Clock): DynamicModule {
    return {
      module: TestInfrastructure,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          entities: [CandidateRecord, ...PROJECTION_ENTITIES],
          migrations: [CandidatesAndIdempotency1732430000000, ...PROJECTION_MIGRATIONS],
          migrationsRun: true,
          poolSize: 6,
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: EVENT_STORE,
          useFactory: () => PostgresEventStore.open({ connectionString: config.databaseUrl, poolSize: 4 }),
        },
      ],
      exports: [CONFIG, CLOCK, EVENT_STORE],
    };
  }
}

export interface DashboardsTestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  clock: SettableClock;
  writer: HiringWriter;
  as(role: Role, sub?: string): string;
  close(): Promise<void>;
}

/**
 * DashboardsModule in a minimal app of its own (the lead's AppModule registers it for real): auth
 * guard, problem details, validation pipe, CQRS, the database and event store, the runner on.
 */
export async function createDashboardsApp(
  config: Config & { databaseUrl: string },
  clock: Clock,
): Promise<NestExpressApplication> {
  @Module({
    imports: [
      TestInfrastructure.forRoot(config, clock),
      CqrsModule.forRoot(),
      JwtModule.register({ secret: config.jwtSecret }),
      DashboardsModule,
    ],
    providers: [
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: APP_PIPE, useFactory: validationPipe },
    ],
  })
  class DashboardsTestModule {}
  const app = await NestFactory.create<NestExpressApplication>(DashboardsTestModule, { logger: false });
  app.enableShutdownHooks();
  return app;
}

export async function startDashboardsApp(env: NodeJS.ProcessEnv = {}): Promise<DashboardsTestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = { ...loadConfig({ JWT_SECRET: SECRET, ...env }), databaseUrl: database.url };
  const clock = new SettableClock();
  const app = await createDashboardsApp(config, clock);
  await app.init();
  const jwt = new JwtService({ secret: SECRET });
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    clock,
    http: () => request(app.getHttpServer()),
    writer: new HiringWriter(store, sqlOf(app.get(DataSource))),
    as: (role, sub = `${role}-1`) => `Bearer ${jwt.sign({ sub, role }, { algorithm: 'HS256' })}`,
    async close() {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}
