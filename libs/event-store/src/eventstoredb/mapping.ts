import {
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  ErrorType,
  EventData,
  isCommandError,
  jsonEvent,
  NO_STREAM,
  Position,
  ReadPosition,
  START,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent, WrongExpectedRevision } from '../event-store';
import type { EsdbRecordedEvent } from './client-port';

/** Thrown for an event in one of our streams that this adapter did not write. */
export class UnreadableEvent extends Error {
  constructor(event: { streamId: string; revision: bigint }, reason: string) {
    super(`event ${String(event.revision)} of ${event.streamId} is unreadable: ${reason}`);
    this.name = 'UnreadableEvent';
  }
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`expected revision must be a non-negative integer, got ${expected}`);
  }
  return BigInt(expected);
}

export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (expected === NO_STREAM) return 'no_stream';
  if (expected === ANY) return 'any';
  // Our port has no "stream exists" condition, so the adapter never sends one.
  if (expected === STREAM_EXISTS) throw new RangeError('"stream_exists" has no ExpectedRevision counterpart');
  return toSafeNumber(expected, 'revision');
}

export function fromCurrentRevision(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM ? 'no_stream' : toSafeNumber(current, 'revision');
}

/** Revisions and log positions are 64-bit on the server; our port speaks JavaScript numbers. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${what} ${String(value)} does not fit in a JavaScript number`);
  }
  return Number(value);
}

/**
 * Our position is the event's prepare position: the log offset of the event's own record, so it is
 * unique per event. Every event written through gRPC belongs to an implicit transaction, whose
 * records the server marks as self-committed and reports with commit = prepare, so for our events
 * the two agree and order $all the same way; the append result carries that same pair for the last
 * event written. The commit position alone would not do for events of a legacy (TCP) explicit
 * transaction, which share one commit position.
 */
export function toPosition(position: Position | undefined, event?: { streamId: string; revision: bigint }): number {
  if (position === undefined) {
    const which = event ? `event ${String(event.revision)} of ${event.streamId}` : 'an append';
    // Stream reads carry positions from server 22.6 on; older servers are out of support.
    throw new Error(`the server reported no log position for ${which}; EventStoreDB 22.10 or later is required`);
  }
  return toSafeNumber(position.prepare, 'log position');
}

/** Where to start reading $all so that `after` itself comes first (reads) or is skipped (subscriptions). */
export function toReadPosition(after: number | null): ReadPosition {
  if (after === null) return START;
  const at = BigInt(after);
  return { commit: at, prepare: at };
}

export function isWrongExpectedVersion(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND;
}

/** Server answers that mean the append was refused whole; after anything else it may have been written. */
const NOTHING_WRITTEN: ReadonlySet<ErrorType> = new Set([
  ErrorType.WRONG_EXPECTED_VERSION,
  ErrorType.STREAM_DELETED,
  ErrorType.ACCESS_DENIED,
  ErrorType.NOT_LEADER,
  ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED,
  ErrorType.MISSING_REQUIRED_METADATA_PROPERTY,
  ErrorType.INVALID_ARGUMENT,
]);

/** A timeout or a dropped connection leaves an append's outcome unknown: the server may still commit it. */
export function appendMayHaveBeenWritten(error: unknown): boolean {
  return !(error instanceof Error && isCommandError(error) && NOTHING_WRITTEN.has(error.type));
}

/** Our error for a revision mismatch; anything else passes through unchanged. */
export function mapAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  if (error.type !== ErrorType.WRONG_EXPECTED_VERSION) return error;
  return new WrongExpectedRevision(streamId, expected, fromCurrentRevision(error.actualVersion));
}

/** A JSON event: our type, our data, and our metadata with the schema version beside it. */
export function toEventData(event: NewEvent): EventData {
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new RangeError(`schema version of ${event.type} must be a positive integer, got ${event.schemaVersion}`);
  }
  return jsonEvent({
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, schemaVersion: event.schemaVersion },
  });
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.isJson || !isRecord(event.data)) throw new UnreadableEvent(event, 'its data is not a JSON object');
  const { schemaVersion, ...rest } = isRecord(event.metadata) ? event.metadata : {};
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion)) {
    throw new UnreadableEvent(event, 'its metadata has no schemaVersion');
  }
  return {
    streamId: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position: toPosition(event.position, event),
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata: toEventMetadata(rest, event),
    recordedAt: event.created,
  };
}

function toEventMetadata(raw: Record<string, unknown>, event: EsdbRecordedEvent): EventMetadata {
  for (const key of ['actor', 'correlationId', 'causationId'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'string') {
      throw new UnreadableEvent(event, `metadata ${key} is not a string`);
    }
  }
  return raw as EventMetadata;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
