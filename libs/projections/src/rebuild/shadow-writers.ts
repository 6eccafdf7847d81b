import type { DataSource } from 'typeorm';
import { type Sql, type SqlSession, identifier, openSession } from '../database/sql';
import type { BulkWriters } from '../runner/projection';

/**
 * Connections beside a rebuild's own that write into its shadow schema, each statement committed
 * on its own. Writing out what a rebuild held back is the database's work, one backend's worth on
 * one connection (that phase left a core of two idle), and building the indexes is a statement
 * per index; on several connections they run side by side. Nobody else sees the shadow tables
 * before the swap, and every statement sent here writes rows of its own (another application's,
 * another index), so no statement waits for another or depends on its order.
 */
export class ShadowWriters implements BulkWriters {
  private readonly idle: SqlSession[];
  private readonly waiting: ((session: SqlSession) => void)[] = [];

  private constructor(private readonly sessions: SqlSession[]) {
    this.idle = [...sessions];
  }

  /** `count` sessions pointed at `shadow`, with commits not waiting for the disk, as the rebuild's own batches. */
  static async open(dataSource: DataSource, shadow: string, count: number): Promise<ShadowWriters> {
    const sessions: SqlSession[] = [];
    try {
      for (let n = 0; n < count; n++) {
        const session = await openSession(dataSource);
        sessions.push(session);
        await session.query(
          "select set_config('search_path', $1, false), set_config('synchronous_commit', 'off', false)",
          [`${identifier(shadow)}, public`],
        );
      }
    } catch (error) {
      await new ShadowWriters(sessions).close();
      throw error;
    }
    return new ShadowWriters(sessions);
  }

  get width(): number {
    return this.sessions.length;
  }

  readonly sql: Sql = {
    query: async <Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]> => {
      const session = this.idle.pop() ?? (await new Promise<SqlSession>((resolve) => this.waiting.push(resolve)));
      try {
        return await session.query<Row>(text, params);
      } finally {
        const next = this.waiting.shift();
        if (next) next(session);
        else this.idle.push(session);
      }
    },
  };

  /** Hands the connections back to the pool as it lent them: session settings reset. */
  async close(): Promise<void> {
    await Promise.all(
      this.sessions.map(async (session) => {
        await session.query('reset all').catch(() => undefined);
        await session.release().catch(() => undefined);
      }),
    );
  }
}
