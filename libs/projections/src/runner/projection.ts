import type { RecordedEvent } from '@app/event-store';
import type { Sql } from '../database/sql';

/**
 * A read model fed by the global log. The runner calls `apply` inside the batch's transaction with
 * the search path set to the schema being written (the live one, or a rebuild's shadow copy), so
 * handlers use unqualified table names. Handlers must be idempotent: the checkpoint makes a replay
 * rare, not impossible (a crash between commit and acknowledging it, a rebuild's catch-up).
 */
export interface Projection {
  readonly name: string;
  /** The schema holding its tables and its `projection_checkpoints` row, swapped as a whole on rebuild. */
  readonly schema: string;
  apply(sql: Sql, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * For a rebuild from zero: an applier that may keep what it learnt across batches (nobody else
   * writes the shadow tables), then writes out whatever it held back.
   */
  replay?(): ReplayApplier;
}

export interface ReplayApplier {
  apply(sql: Sql, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Writes what it held back, at most `limit` items at a time (a transaction each, so that PGlite,
   * which runs one transaction at a time, keeps serving in between); returns how many remain. With
   * `writers`, the rows go out through them, as many statements at once as they are wide, and
   * `sql` is left what must stay in its transaction.
   */
  flush(sql: Sql, limit?: number, writers?: BulkWriters): Promise<number>;
}

/** Connections of their own for a rebuild's bulk writes: each statement commits alone. */
export interface BulkWriters {
  readonly sql: Sql;
  /** How many statements they run at once. */
  readonly width: number;
}
