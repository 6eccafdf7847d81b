import type { Sql } from '../database/sql';

/**
 * The checkpoint row lives in the projection's own schema, next to its tables, so that it commits
 * with them and is swapped with them by a rebuild. Statements use unqualified names: the caller has
 * pointed the search path at the schema (see useSchema).
 */
export interface Checkpoint {
  position: number;
  /** recordedAt of the last event applied, for "seconds behind". */
  eventRecordedAt: Date | null;
}

interface CheckpointRow {
  position: string;
  event_recorded_at: Date | null;
}

const toCheckpoint = (row: CheckpointRow | undefined): Checkpoint =>
  row
    ? { position: Number(row.position), eventRecordedAt: row.event_recorded_at }
    : { position: 0, eventRecordedAt: null };

export async function ensureCheckpoint(sql: Sql, name: string): Promise<void> {
  await sql.query('insert into projection_checkpoints (name, position) values ($1, 0) on conflict (name) do nothing', [
    name,
  ]);
}

/** Locks the row until the transaction ends, so that two writers cannot both move it from the same place. */
export async function lockCheckpoint(sql: Sql, name: string): Promise<Checkpoint> {
  const rows = await sql.query<CheckpointRow>(
    'select position, event_recorded_at from projection_checkpoints where name = $1 for update',
    [name],
  );
  return toCheckpoint(rows[0]);
}

export async function saveCheckpoint(sql: Sql, name: string, position: number, eventRecordedAt: Date): Promise<void> {
  await sql.query(
    `update projection_checkpoints set position = $2, event_recorded_at = $3, updated_at = now() where name = $1`,
    [name, position, eventRecordedAt],
  );
}

/** Reads the live checkpoint from anywhere (schema-qualified), e.g. for X-Projection-Position. */
export async function readCheckpoint(sql: Sql, schemaIdentifier: string, name: string): Promise<Checkpoint> {
  // The schema is a constant of the projection, quoted by the caller; the name is a parameter.
  const rows = await sql.query<CheckpointRow>(
    `select position, event_recorded_at from ${schemaIdentifier}.projection_checkpoints where name = $1`,
    [name],
  );
  return toCheckpoint(rows[0]);
}

export const CHECKPOINT_CHANNEL = 'projection_checkpoints';

/**
 * Wakes position watchers in other processes. Call it outside the transaction that moved the
 * checkpoint, once that has committed: a notifying commit holds a server-wide lock until it is
 * done, which would line every batch up behind every append's commit. Its own short transaction
 * need not wait for the WAL flush: what it announces is durable already.
 */
export async function announceCheckpoint(sql: Sql, name: string, position: number): Promise<void> {
  await sql.query("select pg_notify($1, $2), set_config('synchronous_commit', 'off', true)", [
    CHECKPOINT_CHANNEL,
    JSON.stringify({ name, position }),
  ]);
}
