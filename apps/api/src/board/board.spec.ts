import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AuthGuard, httpAdapter, ProblemDetailsFilter, validationPipe } from '@app/platform';
import { BoardModule } from './board.module';

const SECRET = 'board-test-secret-long-enough';
/** The page's source, which the build copies as it is. */
const PAGE = 'apps/board/src/index.html';

/** BoardModule with what it needs from an app: the auth guard, problem details, validation. */
async function boardApp(production: boolean, assetsDir: string): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      JwtModule.register({ secret: SECRET }),
      BoardModule.forRoot({ production, jwtSecret: SECRET, boardDir: assetsDir }),
    ],
    providers: [
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: APP_PIPE, useFactory: validationPipe },
    ],
  })
  class BoardTestModule {}
  const app = await NestFactory.create<NestFastifyApplication>(BoardTestModule, httpAdapter(), {
    logger: false,
    bodyParser: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('the board module', () => {
  let built: string;
  let empty: string;
  let development: NestFastifyApplication;
  let production: NestFastifyApplication;
  let unbuilt: NestFastifyApplication;

  beforeAll(async () => {
    built = await mkdtemp(join(tmpdir(), 'board-built-'));
    empty = await mkdtemp(join(tmpdir(), 'board-empty-'));
    await copyFile(PAGE, join(built, 'index.html'));
    await writeFile(join(built, 'board.js'), 'export {};\n');
    development = await boardApp(false, built);
    production = await boardApp(true, built);
    unbuilt = await boardApp(false, empty);
  });

  afterAll(async () => {
    await Promise.all([development.close(), production.close(), unbuilt.close()]);
    await Promise.all([rm(built, { recursive: true }), rm(empty, { recursive: true })]);
  });

  it('sends a browser that opens / to the board', async () => {
    const response = await request(development.getHttpServer()).get('/').expect(302);
    expect(response.headers.location).toBe('/board');
  });

  it('serves the page without a token, under a policy that allows no inline script or style', async () => {
    const response = await request(development.getHttpServer()).get('/board').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('tells the page that development tokens exist outside production only', async () => {
    const dev = await request(development.getHttpServer()).get('/board').expect(200);
    const prod = await request(production.getHttpServer()).get('/board').expect(200);
    expect(dev.text).toContain('<meta name="board-dev-tokens" content="on">');
    expect(prod.text).toContain('<meta name="board-dev-tokens" content="off">');
  });

  it('serves the bundle as JavaScript', async () => {
    const response = await request(development.getHttpServer()).get('/board/board.js').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves nothing outside the built files', async () => {
    for (const path of [
      '/board/..%2Fpackage.json',
      '/board/%2Fetc%2Fpasswd',
      '/board/missing.js',
      '/board/index.html',
    ]) {
      const response = await request(development.getHttpServer()).get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('answers 503 naming the build command when the board was not built', async () => {
    for (const path of ['/board', '/board/board.js']) {
      const response = await request(unbuilt.getHttpServer()).get(path).expect(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.detail).toContain('npm run build:board');
    }
  });

  it('issues a development token signed with the app secret that the guard accepts', async () => {
    const response = await request(development.getHttpServer())
      .post('/board/dev-token')
      .send({ role: 'hiring_manager', sub: 'hm-7' })
      .expect(201);
    const claims = new JwtService({ secret: SECRET }).verify<{ sub: string; role: string; exp: number }>(
      response.body.token,
      { algorithms: ['HS256'] },
    );
    expect(claims).toMatchObject({ sub: 'hm-7', role: 'hiring_manager' });
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
  });

  it('refuses a development token for a role that does not exist', async () => {
    const response = await request(development.getHttpServer())
      .post('/board/dev-token')
      .send({ role: 'superuser', sub: 'x' })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
  });

  it('has no development token route at all in production', async () => {
    await request(production.getHttpServer()).post('/board/dev-token').send({ role: 'admin', sub: 'a' }).expect(404);
  });
});
