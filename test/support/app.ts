import { NestExpressApplication } from '@nestjs/platform-express';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { type Role } from '../../apps/api/src/auth/roles';
import { type Config, loadConfig } from '../../apps/api/src/config/config';
import { type Clock } from '../../apps/api/src/infrastructure/clock';
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
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  clock: TestClock;
  config: Config;
  /** `Authorization` header value for a user. */
  as(role: Role, sub?: string): string;
  close(): Promise<void>;
}

/** The real app on a database of its own: real event store, real projections, real HTTP. */
export async function startTestApp(env: NodeJS.ProcessEnv = {}, clock = new TestClock()): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = { ...loadConfig({ JWT_SECRET: TEST_SECRET, ...env }), databaseUrl: database.url };
  const app = await createApp(config, { clock, logger: process.env.TEST_LOGS ? undefined : false });
  await app.init();
  const jwt = new JwtService({ secret: TEST_SECRET });
  return {
    app,
    clock,
    config,
    http: () => request(app.getHttpServer()),
    as: (role, sub = `${role}-1`) => `Bearer ${jwt.sign({ sub, role }, { algorithm: 'HS256' })}`,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
