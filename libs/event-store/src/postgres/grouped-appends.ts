import { DatabaseError, Pool, PoolClient } from 'pg';
import {
  AppendOptions,
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReservationConflict,
  WrongExpectedRevision,
} from '../event-store';
import { eachAloneOnFailure, sentWhileBusy } from '../sent-together';

export interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

interface GroupRow {
  slot: number;
  next_revision: string | null;
  last_position: string | null;
  error_code: string | null;
  error_message: string | null;
  error_detail: string | null;
  error_hint: string | null;
}

const NO_STREAM = -1;
const ANY = -2;
/** Each append of a group holds a subtransaction id; see group-commit-migration.ts. */
const LARGEST_GROUP = 32;

/**
 * Group commit: at most `inFlight` append statements at once; while they are all out, the appends
 * that arrive wait and are then written together, in one statement and one commit
 * (event_store.append_group), each answered with its own result or error. An idle store sends
 * every append at once, alone; a busy one sends fewer and larger groups the busier it is.
 */
export class GroupedAppends {
  readonly append: (append: PendingAppend) => Promise<AppendResult>;

  constructor(
    private readonly pool: Pool,
    inFlight: number,
    largestGroup = LARGEST_GROUP,
    /** After a group committed something: the store wakes its subscribers and other processes. */
    private readonly onWritten: () => void,
  ) {
    // A refused statement wrote nothing, and its appends are sent again alone; after anything else
    // (the connection lost) the outcome is unknown, and each append of the group is told so.
    const appendGroup = eachAloneOnFailure(
      (appends: readonly PendingAppend[]) => this.appendGroup(appends),
      (error) => error instanceof DatabaseError,
    );
    this.append = sentWhileBusy(appendGroup, { inFlight, maxBatchSize: Math.min(largestGroup, LARGEST_GROUP) });
  }

  private async appendGroup(appends: readonly PendingAppend[]): Promise<(AppendResult | Error)[]> {
    let outcome: (AppendResult | Error)[];
    try {
      outcome = await this.sendGroup(appends);
    } catch (error) {
      throw appends.length === 1 ? mapAppendError(error, appends[0]) : error;
    }
    this.onWritten();
    return outcome;
  }

  private async sendGroup(appends: readonly PendingAppend[]): Promise<(AppendResult | Error)[]> {
    const client = await this.pool.connect();
    let healthy = true;
    try {
      return appends.length === 1 ? [await appendAlone(client, appends[0])] : await appendTogether(client, appends);
    } catch (error) {
      // Anything unexpected may have interrupted an append between its advisory lock and unlock;
      // dropping the connection is the one sure way to release a session lock.
      healthy = appends.length === 1 && mapAppendError(error, appends[0]) !== error;
      throw error;
    } finally {
      client.release(!healthy);
    }
  }
}

async function appendAlone(client: PoolClient, append: PendingAppend): Promise<AppendResult> {
  const { stream, expected, types, schemaVersions, data, metadata, reserve, release } = encodeAppend(append);
  const { rows } = await client.query<{ next_revision: string; last_position: string }>(
    'select next_revision, last_position from event_store.append($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      stream,
      expected,
      types,
      schemaVersions,
      data.map((value) => JSON.stringify(value)),
      metadata.map((value) => JSON.stringify(value)),
      reserve,
      release,
    ],
  );
  return { nextRevision: Number(rows[0].next_revision), lastPosition: Number(rows[0].last_position) };
}

async function appendTogether(client: PoolClient, appends: readonly PendingAppend[]) {
  const { rows } = await client.query<GroupRow>(
    `select slot, next_revision, last_position, error_code, error_message, error_detail, error_hint
       from event_store.append_group($1)`,
    [JSON.stringify(appends.map(encodeAppend))],
  );
  const results: (AppendResult | Error)[] = new Array(appends.length);
  for (const row of rows) {
    results[row.slot] =
      row.error_code === null
        ? { nextRevision: Number(row.next_revision), lastPosition: Number(row.last_position) }
        : mapAppendError(
            Object.assign(new Error(row.error_message ?? 'append failed'), {
              code: row.error_code,
              detail: row.error_detail ?? undefined,
              hint: row.error_hint ?? undefined,
            }),
            appends[row.slot],
          );
  }
  return results;
}

function encodeAppend({ streamId, events, options }: PendingAppend) {
  return {
    stream: streamId,
    expected: encodeExpected(options.expectedRevision),
    types: events.map((e) => e.type),
    schemaVersions: events.map((e) => e.schemaVersion),
    data: events.map((e) => e.data),
    metadata: events.map((e) => e.metadata ?? {}),
    reserve: options.reservations?.reserve ?? [],
    release: options.reservations?.release ?? [],
  };
}

function encodeExpected(expected: ExpectedRevision): number {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return expected;
}

/** The event store's own errors as the port's; anything else as it came. */
function mapAppendError(error: unknown, { streamId, options }: PendingAppend): Error {
  const { code, detail, hint } = (error ?? {}) as { code?: string; detail?: string; hint?: string };
  if (code === 'ES001') {
    const actual = detail === 'no_stream' || detail === undefined ? 'no_stream' : Number(detail);
    return new WrongExpectedRevision(streamId, options.expectedRevision, actual);
  }
  if (code === 'ES002') return new ReservationConflict(detail ?? '', hint ?? '');
  return error instanceof Error ? error : new Error(String(error));
}
