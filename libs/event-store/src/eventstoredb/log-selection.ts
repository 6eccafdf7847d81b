import { Filter, streamNameFilter } from '@eventstore/db-client';
import { RESERVATION_STREAM_PREFIX } from './reservation-events';

/**
 * Which events of $all are ours: what readAll, headPosition and subscribe return.
 *
 * - `non-system` (the default): every stream except system streams (`$…`) and our reservation
 *   streams. Nothing to keep in step when a new aggregate type (a new stream prefix) appears.
 * - `stream-prefixes`: only streams starting with one of the prefixes, e.g. `['application-', 'job-']`,
 *   for a server shared with other applications.
 *
 * System event types (`$…`, e.g. a `$streamDeleted` tombstone or `$>` links) are dropped in both.
 */
export type LogSelection = { kind: 'non-system' } | { kind: 'stream-prefixes'; prefixes: readonly string[] };

export const DEFAULT_LOG_SELECTION: LogSelection = { kind: 'non-system' };

/**
 * The server-side filter for a subscription. A filter sees either stream names or event types, not
 * both; stream names carry most of the selection, and `accepts` drops the rest on our side.
 */
export function serverFilter(selection: LogSelection): Filter {
  switch (selection.kind) {
    case 'non-system':
      return streamNameFilter({ regex: `^(?!\\$|${escapeRegex(RESERVATION_STREAM_PREFIX)})` });
    case 'stream-prefixes':
      if (selection.prefixes.length === 0) throw new RangeError('stream-prefixes needs at least one prefix');
      return streamNameFilter({ prefixes: [...selection.prefixes] });
    default:
      return assertNever(selection);
  }
}

/** The same selection, applied on our side: $all reads cannot be filtered by this client version. */
export function accepts(selection: LogSelection, event: { streamId: string; type: string }): boolean {
  if (event.type.startsWith('$')) return false;
  switch (selection.kind) {
    case 'non-system':
      return !event.streamId.startsWith('$') && !event.streamId.startsWith(RESERVATION_STREAM_PREFIX);
    case 'stream-prefixes':
      return selection.prefixes.some((prefix) => event.streamId.startsWith(prefix));
    default:
      return assertNever(selection);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function assertNever(value: never): never {
  throw new Error(`unexpected log selection ${JSON.stringify(value)}`);
}
