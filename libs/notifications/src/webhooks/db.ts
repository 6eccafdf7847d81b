import type { Pool, PoolClient } from 'pg';

/** Statements run on the pool, or on one client inside a transaction. */
export type Db = Pick<Pool, 'query'> | PoolClient;

/** Runs `work` in a transaction on a client of its own; rolls back and rethrows if it fails. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let healthy = true;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => (healthy = false));
    throw error;
  } finally {
    client.release(!healthy);
  }
}

/** The one checkpoint row of the fan-out, created by the migration. */
export const FAN_OUT = 'fan-out';

/** Locks the fan-out's checkpoint until the transaction ends; every batch and every endpoint start take it. */
export async function lockFanOut(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ position: string }>(
    'select position from webhook_checkpoints where name = $1 for update',
    [FAN_OUT],
  );
  return Number(rows[0]?.position ?? 0);
}
