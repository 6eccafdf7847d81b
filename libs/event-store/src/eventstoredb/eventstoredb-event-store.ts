import {
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
} from '@eventstore/db-client';
import type { ReadPosition } from '@eventstore/db-client';
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
import { BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import type { EventStoreDbClientPort } from './client-port';
import { accepts, DEFAULT_LOG_SELECTION, LogSelection } from './log-selection';
import {
  appendMayHaveBeenWritten,
  collect,
  isStreamNotFound,
  mapAppendError,
  toEsdbExpectedRevision,
  toEventData,
  toPosition,
  toReadPosition,
  toRecordedEvent,
  toSafeNumber,
} from './mapping';
import { Claim, ReservationBook } from './reservations';
import { followLog } from './subscription';

export interface EventStoreDbEventStoreOptions {
  /** Which events of $all readAll, headPosition and subscribe return. Default: all but system and reservation streams. */
  selection?: LogSelection;
  /** See ReservationBookOptions.leaseMs. Default 60 s. */
  reservationLeaseMs?: number;
  /** Delays between attempts to reopen a failed subscription. */
  backoff?: BackoffPolicy;
  now?: () => number;
  /** Where problems that do not fail the call are reported. Default console.warn. */
  warn?: (message: string, error?: unknown) => void;
  /** Records of $all headPosition looks at, newest first, for one of ours. Default 10,000. */
  headScanLimit?: number;
}

/** Raw records read per round trip when our events may be interleaved with others. */
const SCAN_PAGE = 256;

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDbClientPort;
  private readonly reservations: ReservationBook;
  private readonly selection: LogSelection;
  private readonly backoff: BackoffPolicy;
  private readonly warn: (message: string, error?: unknown) => void;
  private readonly headScanLimit: number;

  /** Takes a connection string (`esdb://host:2113?tls=false`) or a client, which it then owns and closes. */
  constructor(connection: string | EventStoreDbClientPort, options: EventStoreDbEventStoreOptions = {}) {
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
    this.selection = options.selection ?? DEFAULT_LOG_SELECTION;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.warn =
      options.warn ??
      ((message, error) => (error === undefined ? console.warn(message) : console.warn(message, error)));
    this.headScanLimit = options.headScanLimit ?? 10_000;
    this.reservations = new ReservationBook(this.client, {
      leaseMs: options.reservationLeaseMs ?? 60_000,
      now: options.now ?? Date.now,
    });
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const expectedRevision = toEsdbExpectedRevision(options.expectedRevision);
    const data = events.map(toEventData);
    const release = options.reservations?.release ?? [];
    const claims = await this.reservations.reserveAll(options.reservations?.reserve ?? [], streamId, new Set(release));
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, data, { expectedRevision });
    } catch (error) {
      await this.giveBack(claims, streamId, error);
      throw mapAppendError(error, streamId, options.expectedRevision);
    }
    // The events are written: failing the call now would invite a retry that cannot succeed.
    await this.reservations.releaseAll(release, streamId).catch((error: unknown) => {
      this.warn(`${streamId} was appended but a reservation it gave up is still held`, error);
    });
    const nextRevision = toSafeNumber(result.nextExpectedRevision, 'revision');
    return { nextRevision, lastPosition: await this.lastPosition(streamId, nextRevision, result) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const fromRevision = options.fromRevision === undefined ? START : BigInt(options.fromRevision);
    try {
      const events = await collect(
        this.client.readStream(streamId, { direction: FORWARDS, fromRevision, maxCount: options.maxCount }),
      );
      return events.flatMap(({ event }) => (event ? [toRecordedEvent(event)] : []));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    return Promise.all(reads.map((r) => this.readStream(r.streamId, { fromRevision: r.fromRevision })));
  }

  /**
   * This client version cannot filter $all reads on the server, so pages of raw records are read
   * until `maxCount` of ours are found or the log ends. $all only ever shows a committed prefix of
   * the log, so no event can appear later below a position already read.
   */
  async readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    const pageSize = Math.max(maxCount, SCAN_PAGE);
    let cursor = after;
    while (found.length < maxCount) {
      // Forward reads include their start position: the record at `cursor` comes back and is skipped.
      const page = await collect(
        this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(cursor), maxCount: pageSize }),
      );
      for (const { event } of page) {
        if (!event) continue;
        const position = toPosition(event.position, event);
        if (cursor !== null && position <= cursor) continue;
        cursor = position;
        if (accepts(this.selection, event)) found.push(toRecordedEvent(event));
        if (found.length === maxCount) break;
      }
      if (page.length < pageSize) break;
    }
    return found;
  }

  subscribe(options: SubscribeOptions): AsyncIterable<RecordedEvent[]> {
    return followLog(this.client, {
      after: options.after,
      maxBatchSize: options.maxBatchSize ?? 100,
      signal: options.signal,
      selection: this.selection,
      backoff: this.backoff,
      warn: this.warn,
    });
  }

  /**
   * Our newest event, found by reading $all backwards. If none of the newest `headScanLimit` records
   * is ours, the newest record of any kind stands in: no event of ours lies after it, which is what a
   * caller starting from the head needs, at the cost of overstating lag in that rare case.
   */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    let newest: number | null = null;
    let cursor: number | null = null;
    for (let examined = 0; examined < this.headScanLimit;) {
      const page = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: SCAN_PAGE }),
      );
      for (const { event } of page) {
        if (!event) continue;
        const position = toPosition(event.position, event);
        if (cursor !== null && position >= cursor) continue;
        cursor = position;
        newest ??= position;
        if (accepts(this.selection, event)) return position;
      }
      examined += page.length;
      if (page.length < SCAN_PAGE || cursor === null) return 0;
      from = toReadPosition(cursor);
    }
    return newest ?? 0;
  }

  async reservationHolder(key: string): Promise<string | null> {
    return this.reservations.holder(key);
  }

  async ping(): Promise<void> {
    await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /**
   * Releases what a failed append reserved, but only when the server refused the append outright.
   * After a timeout or a lost connection the events may still land; releasing then could let a second
   * stream in beside them. Kept, the claim does no lasting harm: if the events never land, the
   * reservation lapses after the lease like one left by a crash.
   */
  private async giveBack(claims: readonly Claim[], streamId: string, error: unknown): Promise<void> {
    if (claims.length === 0) return;
    if (appendMayHaveBeenWritten(error)) {
      this.warn(`append to ${streamId} has an unknown outcome; its new reservations are kept until the lease ends`);
      return;
    }
    for (const failure of await this.reservations.undoAll(claims, streamId)) {
      this.warn(
        `could not give back a reservation of ${streamId} after its append failed; it lapses after the lease`,
        failure,
      );
    }
  }

  private async lastPosition(streamId: string, revision: number, result: EsdbAppendResult): Promise<number> {
    // The server reports where the append's last event landed; only very old servers leave it out.
    if (result.position) return toPosition(result.position);
    const [last] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!last) throw new Error(`event ${revision} of ${streamId} was appended but cannot be read back`);
    return last.position;
  }
}
