import { readFileSync } from 'node:fs';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type Role } from '@app/platform';
import { createApp } from '../../apps/api/src/app.factory';

export const BENCH_SECRET = 'bench-secret-of-sufficient-length';

/**
 * The real app as it runs in production (JSON logs off), on 127.0.0.1. Projections run in this
 * process as by default; BENCH_PROJECTIONS=off leaves them to another process (apps/projector), for
 * a measure of what they cost the API.
 */
export async function startApi(databaseUrl: string): Promise<{ app: NestFastifyApplication; origin: string }> {
  const config = loadConfig({ JWT_SECRET: BENCH_SECRET, PROJECTIONS: process.env.BENCH_PROJECTIONS ?? 'on' });
  const app = await createApp({ ...config, databaseUrl }, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, origin: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export const bearer = (role: Role, sub = `bench-${role}`) =>
  `Bearer ${new JwtService({ secret: BENCH_SECRET }).sign({ sub, role }, { algorithm: 'HS256' })}`;

/** One request from the benchmark itself (setup, checks); the measured load comes from the generator. */
export async function call<T>(
  origin: string,
  authorization: string,
  method: 'GET' | 'POST',
  path: string,
  body?: object,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

export async function openJob(origin: string, authorization: string): Promise<string> {
  const { status, body } = await call<{ id: string }>(origin, authorization, 'POST', '/jobs', {
    title: 'Bench Engineer',
  });
  if (status !== 201) throw new Error(`POST /jobs: ${status}`);
  return body.id;
}

/** Until the read model reflects `position`: ?minPosition waits on the server, up to 5 s a time. */
export async function projectedUpTo(origin: string, authorization: string, position: number): Promise<void> {
  if (process.env.BENCH_PROJECTIONS === 'off') return;
  for (let attempt = 0; attempt < 60; attempt++) {
    const { status } = await call(origin, authorization, 'GET', `/applications?limit=1&minPosition=${position}`);
    if (status === 200) return;
    if (status !== 503) throw new Error(`waiting for the projections: ${status}`);
  }
  throw new Error(`the projections did not reach ${position} in five minutes`);
}

/** Busy and total CPU time of the whole machine (all cores), from /proc/stat, in clock ticks. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = fields.map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
