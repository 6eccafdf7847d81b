import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * Benchmarks run on real PostgreSQL: a fresh database on BENCH_DATABASE_URL's (or DATABASE_URL's,
 * or the local) server, dropped afterwards unless BENCH_KEEP_DATABASE=1 (to look at plans after a run:
 * its name is printed).
 */
export async function withBenchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const server =
    process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ats_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept database ${name}`);
    else await admin(`drop database if exists ${name} with (force)`);
  }
}

export const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

export function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}
