import { EventEmitter } from 'node:events';
import { Pool } from 'pg';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamRead,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store';
import { sentTogether } from '../sent-together';
import { GroupedAppends } from './grouped-appends';
import { Coalesced } from './coalesced';
import { Listener } from './listener';
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
  /**
   * Append statements sent at once; appends beyond them wait and go together (group commit).
   * Half the pool by default.
   */
  appendsInFlight?: number;
  /** The most appends that go together (32 by default, the most allowed); 1 sends each alone. */
  largestAppendGroup?: number;
  /** Safety net for wake-ups that never arrive. */
  pollIntervalMs?: number;
  /**
   * Appends are announced to other processes by one NOTIFY after commit at most this often
   * (milliseconds); every append is followed by a notification sent after it committed.
   */
  notifyGapMs?: number;
}

const CHANNEL = 'event_store';

const EVENT_COLUMNS = 'position, stream_id, revision, type, schema_version, data, metadata, recorded_at';

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

/**
 * Several streams in one statement, each through the (stream_id, revision) index whatever the
 * planner thinks of the list: as a plain join of a few dozen reads it hashed the whole events table
 * instead (9 ms against 0.3 at 26,000 events). The subquery's own order keeps it from being
 * flattened into that join. $1: stream ids, $2: the revision each is read from.
 */
export const READ_STREAMS_SQL = `select r.read, ${EVENT_COLUMNS.replace(/(\w+)/g, 'e.$1')}
         from unnest($1::text[], $2::bigint[]) with ordinality as r(stream_id, from_revision, read)
         cross join lateral (
           select * from event_store.events e
            where e.stream_id = r.stream_id and e.revision >= r.from_revision
            order by e.revision
         ) e
        order by r.read, e.revision`;

export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly appended = new EventEmitter();
  /** Counts wake-ups, so that a subscriber can tell one arrived while it was looking. */
  private wakeups = 0;
  private readonly notifier: Coalesced;
  private readonly appends: GroupedAppends;
  private listener?: Listener;
  private closed = false;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process.
    this.pool.on('error', () => undefined);
    this.appended.setMaxListeners(0);
    // Never all of the pool, so that reads and subscribers are not queued behind appends.
    const appendsInFlight = options.appendsInFlight ?? Math.max(1, Math.floor((options.poolSize ?? 10) / 2));
    this.appends = new GroupedAppends(this.pool, appendsInFlight, options.largestAppendGroup, () => {
      this.wake();
      this.notifier.request();
    });
    // Its own transaction, after the appends it announces have committed: a notifying commit holds
    // a server-wide lock until it is done, so it must neither be an append's commit nor wait for
    // a WAL flush (what it announces is durable already).
    this.notifier = new Coalesced(async () => {
      await this.pool.query("select pg_notify($1, ''), set_config('synchronous_commit', 'off', true)", [CHANNEL]);
    }, options.notifyGapMs ?? 5);
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

  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return this.appends.append({ streamId, events, options });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === undefined) return this.readTogether({ streamId, fromRevision: options.fromRevision });
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from event_store.events where stream_id = $1 and revision >= $2
        order by revision limit $3`,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    return Promise.all(reads.map(this.readTogether));
  }

  /**
   * Concurrent requests' stream reads, in one query, each stream once: requests about applications
   * of one job read its stream, and every read of an application the SLA policy's.
   */
  private readonly readTogether = sentTogether(async (reads: readonly StreamRead[]) => {
    const distinct = new Map<string, { read: StreamRead; slot: number }>();
    const slots = reads.map((read) => {
      const same = `${read.fromRevision ?? 0}:${read.streamId}`;
      let entry = distinct.get(same);
      if (!entry) distinct.set(same, (entry = { read, slot: distinct.size }));
      return entry.slot;
    });
    const streams = await this.readStreamsNow([...distinct.values()].map((entry) => entry.read));
    return slots.map((slot) => streams[slot]);
  });

  private async readStreamsNow(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    const { rows } = await this.pool.query<EventRow & { read: string }>(READ_STREAMS_SQL, [
      reads.map((r) => r.streamId),
      reads.map((r) => r.fromRevision ?? 0),
    ]);
    const streams = reads.map((): RecordedEvent[] => []);
    for (const row of rows) streams[Number(row.read) - 1].push(toRecordedEvent(row));
    return streams;
  }

  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    // Only below the oldest append still in flight: no lower position can appear behind it (see
    // read_all in schema.ts).
    const { rows } = await this.pool.query<EventRow>(`select ${EVENT_COLUMNS} from event_store.read_all($1, $2)`, [
      after ?? 0,
      maxCount,
    ]);
    return rows.map(toRecordedEvent);
  }

  async *subscribe({ after, maxBatchSize = 500, signal }: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    let position = after ?? 0;
    while (!signal?.aborted && !this.closed) {
      // Taken before looking, so that a wake-up that arrives while we look is not lost.
      const seen = this.wakeups;
      const batch = await this.readAll({ after: position, maxCount: maxBatchSize });
      if (batch.length > 0) {
        position = batch[batch.length - 1].position;
        yield batch;
        continue;
      }
      // Events above our position that are not yet readable wait on an older append to end; it
      // will not necessarily announce it (a rollback does not), so look again soon.
      const pending = await this.hasEventsAfter(position);
      await this.waitForAppend(seen, pending ? 5 : (this.options.pollIntervalMs ?? 1000), signal);
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
    this.wake();
    await this.listener?.stop();
    await this.notifier.close();
    await this.pool.end();
  }

  private async hasEventsAfter(position: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ pending: boolean }>(
      'select exists (select 1 from event_store.events where position > $1) as pending',
      [position],
    );
    return rows[0].pending;
  }

  private wake(): void {
    this.wakeups += 1;
    this.appended.emit('appended');
  }

  private waitForAppend(seen: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.wakeups !== seen || signal?.aborted) return Promise.resolve();
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
    const listener = new Listener({
      connectionString: this.options.connectionString,
      channel: CHANNEL,
      onWake: () => this.wake(),
    });
    await listener.start();
    this.listener = listener;
  }
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
