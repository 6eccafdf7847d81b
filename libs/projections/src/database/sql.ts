import { escapeIdentifier } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The little of a database the projections need: run a statement with parameters, get rows back.
 * Backed by TypeORM's DataSource so the read models share the app's pool and its migrations.
 */
export interface Sql {
  query<Row extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** One connection held for a while: a transaction, an advisory lock, a LISTEN. */
export interface SqlSession extends Sql {
  /** The driver connection, for LISTEN notifications. */
  connection(): Promise<unknown>;
  release(): Promise<void>;
}

export function sqlOf(dataSource: DataSource): Sql {
  return {
    async query<Row extends object>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      const runner = dataSource.createQueryRunner();
      try {
        return await rowsOf<Row>(runner, text, params);
      } finally {
        await runner.release();
      }
    },
  };
}

export async function openSession(dataSource: DataSource): Promise<SqlSession> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  return {
    query: <Row extends object>(text: string, params: readonly unknown[] = []) => rowsOf<Row>(runner, text, params),
    connection: () => runner.connect() as Promise<unknown>,
    release: () => runner.release(),
  };
}

async function rowsOf<Row extends object>(
  runner: QueryRunner,
  text: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const result = await runner.query(text, [...params], true);
  // A statement without a result set (or several statements at once) has no records.
  return (result.records ?? []) as Row[];
}

/** Runs `work` in a transaction on the session; rolls back and rethrows if it fails. */
export async function inTransaction<T>(session: Sql, work: () => Promise<T>): Promise<T> {
  await session.query('begin');
  try {
    const result = await work();
    await session.query('commit');
    return result;
  } catch (error) {
    await session.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Points unqualified table names at `schema` until the transaction ends. Projections write with
 * unqualified names so that the same statements fill the live schema and a rebuild's shadow copy.
 */
export const useSchema = (sql: Sql, schema: string) =>
  sql.query("select set_config('search_path', $1, true)", [`${escapeIdentifier(schema)}, public`]);

/** A schema or table name in DDL, which cannot take parameters; names come from code, never input. */
export const identifier = (name: string): string => escapeIdentifier(name);
