export { EventStoreDbEventStore } from './eventstoredb-event-store';
export type { EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
export type { EventStoreDbClientPort } from './client-port';
export { DEFAULT_LOG_SELECTION } from './log-selection';
export type { LogSelection } from './log-selection';
export { DEFAULT_BACKOFF } from './backoff';
export type { BackoffPolicy } from './backoff';
export { RESERVATION_STREAM_PREFIX, reservationStreamName } from './reservation-events';
export { UnreadableEvent } from './mapping';
