import { EventEmitter } from 'node:events';
import { Client, DatabaseError, Pool } from 'pg';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  ReservationConflict,
  SubscribeOptions,
  WrongExpectedRevision,
} from '../event-store';
import { migrateEventStore } from './schema';

export interface PostgresEventStoreOptions {
  connectionString: string;
  poolSize?: number;
  /**
   * Hold a LISTEN connection so that appends by other processes wake subscribers at once. Off for
   * extra writer instances in tests, and useless on PGlite (notifications do not cross its
   * connections); appends through this instance always wake its own subscribers.
   */
  listen?: boolean;
  /** Safety net for wake-ups that never arrive. */
  pollIntervalMs?: number;
}

const NO_STREAM = -1;
const ANY = -2;
const SELECT_EVENT = `select position, stream_id, revision, type, schema_version, data, metadata, recorded_at
  from event_store.events`;

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly appended = new EventEmitter();
  private listener?: Client;
  private closed = false;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process.
    this.pool.on('error', () => undefined);
    this.appended.setMaxListeners(0);
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await migrateEventStore(store.pool);
      if (options.listen ?? true) await store.startListening();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const client = await this.pool.connect();
    let healthy = true;
    try {
      const { rows } = await client.query<{ next_revision: string; last_position: string }>(
        'select next_revision, last_position from event_store.append($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          streamId,
          encodeExpected(options.expectedRevision),
          events.map((e) => e.type),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata ?? {})),
          options.reservations?.reserve ?? [],
          options.reservations?.release ?? [],
        ],
      );
      const result = { nextRevision: Number(rows[0].next_revision), lastPosition: Number(rows[0].last_position) };
      this.appended.emit('appended');
      return result;
    } catch (error) {
      const mapped = mapAppendError(error, streamId, options.expectedRevision);
      // Anything unexpected may have interrupted the append between its advisory lock and unlock;
      // dropping the connection is the one sure way to release a session lock.
      healthy = mapped !== error;
      throw mapped;
    } finally {
      client.release(!healthy);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `${SELECT_EVENT} where stream_id = $1 and revision >= $2 order by revision limit $3`,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    // Only events of transactions older than every transaction still in flight: a lower position
    // can no longer appear behind them (see the append function in schema.ts).
    const { rows } = await this.pool.query<EventRow>(
      `${SELECT_EVENT}
        where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by position limit $2`,
      [after ?? 0, maxCount],
    );
    return rows.map(toRecordedEvent);
  }

  async *subscribe({ after, maxBatchSize = 500, signal }: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    let position = after ?? 0;
    while (!signal?.aborted && !this.closed) {
      const batch = await this.readAll({ after: position, maxCount: maxBatchSize });
      if (batch.length > 0) {
        position = batch[batch.length - 1].position;
        yield batch;
        continue;
      }
      // Events above our position that are not yet readable wait on an older transaction to end;
      // it will not necessarily notify (it may not be an append), so look again soon.
      const pending = await this.hasEventsAfter(position);
      await this.waitForAppend(pending ? 5 : (this.options.pollIntervalMs ?? 1000), signal);
    }
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string | null }>(
      'select max(position) as head from event_store.events',
    );
    return Number(rows[0].head ?? 0);
  }

  async reservationHolder(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ stream_id: string }>(
      'select stream_id from event_store.reservations where key = $1',
      [key],
    );
    return rows[0]?.stream_id ?? null;
  }

  async ping(): Promise<void> {
    await this.pool.query('select 1 from event_store.streams limit 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.appended.emit('appended');
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private async hasEventsAfter(position: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ pending: boolean }>(
      'select exists (select 1 from event_store.events where position > $1) as pending',
      [position],
    );
    return rows[0].pending;
  }

  private waitForAppend(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.appended.once('appended', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private async startListening(): Promise<void> {
    const listener = new Client({ connectionString: this.options.connectionString });
    listener.on('notification', () => this.appended.emit('appended'));
    // A lost LISTEN connection only slows wake-ups down to the poll interval.
    listener.on('error', () => undefined);
    await listener.connect();
    await listener.query('listen event_store');
    this.listener = listener;
  }
}

function encodeExpected(expected: ExpectedRevision): number {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return expected;
}

function mapAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (!(error instanceof DatabaseError)) return error;
  if (error.code === 'ES001') {
    const actual = error.detail === 'no_stream' || error.detail === undefined ? 'no_stream' : Number(error.detail);
    return new WrongExpectedRevision(streamId, expected, actual);
  }
  if (error.code === 'ES002') return new ReservationConflict(error.detail ?? '', error.hint ?? '');
  return error;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
