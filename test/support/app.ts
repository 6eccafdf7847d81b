import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { type Clock, CLOCK, type Config, httpAdapter, loadConfig, type Role } from '@app/platform';
import { sqlOf } from '@app/projections';
import { HiringWriter } from '@app/projections/testing/hiring-writer';
import { appOptions, configureApp } from '../../apps/api/src/app.factory';
import { AppModule } from '../../apps/api/src/app.module';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_SECRET = 'test-secret-of-sufficient-length';

/** A clock the test moves by hand, so SLA times are exact. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-23T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  http: () => ReturnType<typeof request>;
  clock: TestClock;
  config: Config;
  /** Appends through the domain's deciders directly, for histories dated in the past. */
  writer: HiringWriter;
  /** `Authorization` header value for a user. */
  as(role: Role, sub?: string): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Another process's database (createTestDatabase's url): the app runs beside the others on it,
   * as a second API process would, and leaves it in place when it closes.
   */
  databaseUrl?: string;
}

/**
 * The real app on a database of its own: real event store, real projections, real HTTP. Built from
 * the production AppModule; only the clock is replaced.
 */
export async function startTestApp(
  env: NodeJS.ProcessEnv = {},
  clock = new TestClock(),
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database: TestDatabase =
    options.databaseUrl === undefined
      ? await createTestDatabase()
      : { url: options.databaseUrl, drop: () => Promise.resolve() };
  const config = { ...loadConfig({ JWT_SECRET: TEST_SECRET, ...env }), databaseUrl: database.url };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .compile();
  const app = await configureApp(
    moduleRef.createNestApplication<NestFastifyApplication>(
      httpAdapter(),
      appOptions({ logger: process.env.TEST_LOGS ? undefined : false }),
    ),
  );
  const jwt = new JwtService({ secret: TEST_SECRET });
  return {
    app,
    clock,
    config,
    http: () => request(app.getHttpServer()),
    writer: new HiringWriter(app.get<EventStore>(EVENT_STORE), sqlOf(app.get(DataSource))),
    as: (role, sub = `${role}-1`) => `Bearer ${jwt.sign({ sub, role }, { algorithm: 'HS256' })}`,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
