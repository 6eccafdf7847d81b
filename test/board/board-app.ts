import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { type NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { BoardModule } from '../../apps/api/src/board/board.module';
import { loadConfig } from '../../apps/api/src/config/config';
import { type TestApp, TEST_SECRET, TestClock } from '../support/app';
import { createTestDatabase } from '../support/database';

export interface BoardTestApp extends TestApp {
  /** Where the app listens, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
}

/** Builds the board the way `npm run build:board` does, into a directory of the test's own. */
export async function buildBoard(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'board-e2e-'));
  execFileSync(process.execPath, ['apps/board/build.mjs', '--outdir', dir], { stdio: 'pipe' });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The real app (event store, projections, HTTP on a loopback port) with BoardModule beside it, as
 * the app module will compose them.
 */
export async function startBoardApp(assetsDir: string, clock: TestClock): Promise<BoardTestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ JWT_SECRET: TEST_SECRET }), databaseUrl: database.url };

  @Module({ imports: [AppModule.forRoot(config, clock), BoardModule.forRoot(config, { assetsDir })] })
  class BoardE2eModule {}

  const app = await NestFactory.create<NestExpressApplication>(BoardE2eModule, {
    logger: process.env.TEST_LOGS ? undefined : false,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const jwt = new JwtService({ secret: TEST_SECRET });
  return {
    app,
    clock,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    http: () => request(app.getHttpServer()),
    as: (role, sub = `${role}-1`) => `Bearer ${jwt.sign({ sub, role }, { algorithm: 'HS256' })}`,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
