import { createHash } from 'node:crypto';
import { EventData, jsonEvent } from '@eventstore/db-client';
import type { EsdbRecordedEvent } from './client-port';
import { toPosition, UnreadableEvent } from './mapping';

export const RESERVATION_STREAM_PREFIX = 'reservation-';

/**
 * One stream per key. The key is hashed because it holds personal data (an email) that has no place
 * in a stream name, and because stream names have a length limit the key does not.
 */
export function reservationStreamName(key: string): string {
  return RESERVATION_STREAM_PREFIX + createHash('sha256').update(key, 'utf8').digest('hex');
}

export type ReservationEventType = 'Reserved' | 'Released';

/** A reservation stream's last event, as much of it as the algorithm needs. */
export interface ReservationState {
  type: ReservationEventType;
  /** The stream that reserved or released the key. */
  holder: string;
  revision: bigint;
  position: number;
  recordedAt: Date;
  /** Reserved only for the length of one append that also released it (a gate). */
  gate: boolean;
}

export function reservationEvent(type: ReservationEventType, streamId: string, gate = false): EventData {
  return jsonEvent({ type, data: gate ? { streamId, gate } : { streamId } });
}

export function toReservationState(event: EsdbRecordedEvent): ReservationState {
  const data = event.data;
  const holder = typeof data === 'object' && data !== null && 'streamId' in data ? data.streamId : undefined;
  if ((event.type !== 'Reserved' && event.type !== 'Released') || typeof holder !== 'string') {
    throw new UnreadableEvent(event, 'it is not a Reserved or Released event');
  }
  return {
    type: event.type,
    holder,
    revision: event.revision,
    position: toPosition(event.position, event),
    recordedAt: event.created,
    gate: (data as { gate?: unknown }).gate === true,
  };
}
