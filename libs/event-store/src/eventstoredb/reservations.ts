import { AppendExpectedRevision, BACKWARDS, END, NO_STREAM, ResolvedEvent } from '@eventstore/db-client';
import { ReservationConflict } from '../event-store';
import type { EventStoreDbClientPort } from './client-port';
import { collect, isStreamNotFound, isWrongExpectedVersion, toPosition } from './mapping';
import { reservationEvent, reservationStreamName, ReservationState, toReservationState } from './reservation-events';

/** A key this call reserved: what to release again if the append it guards fails. */
export interface Claim {
  key: string;
  stream: string;
  /** Revision and log position of our Reserved event. */
  revision: bigint;
  position: number;
}

export interface ReservationBookOptions {
  /**
   * How long a reservation whose holder wrote nothing after it is presumed to be an append still in
   * flight. Longer than any append can take (client deadlines are 10 s), plus clock skew between
   * this process and the server, which stamps the events.
   */
  leaseMs: number;
  now: () => number;
}

/** Gives up when other claimants keep moving a key's stream under us. */
const MAX_ATTEMPTS = 5;

/**
 * Reservations over EventStoreDB, which has no transaction spanning two streams. A key's stream holds
 * Reserved {streamId} and Released {streamId} events; its last event says who holds the key.
 * Every write to it names the exact revision it read, so of two racing claimants exactly one wins.
 *
 * The append a reservation guards is a second write. The order is: reserve, append, then release
 * what the append gives up; an append the server refuses releases what it reserved. That leaves a
 * gap: a process that dies between reserving and appending (or whose append times out and never
 * lands) leaves a key held by a stream that never got its events. Such a reservation is recognisable:
 * its holder has no event after the Reserved event (usually no events at all; "empty" is the common
 * case of that test). It cannot be taken over at once, because that is exactly what a reservation
 * looks like while its append is still in flight, and taking it then would let both appends through.
 * So it is taken over only once it is older than the lease, by which time the append it guarded has
 * long ended one way or the other (client deadlines are 10 s, server write timeouts 2 s). A crash
 * between a successful append and its release leaves the key held by a stream that has events: that
 * errs on the safe side (a false conflict, never a duplicate).
 */
export class ReservationBook {
  constructor(
    private readonly client: EventStoreDbClientPort,
    private readonly options: ReservationBookOptions,
  ) {}

  async holder(key: string): Promise<string | null> {
    const last = await this.lastEvent(reservationStreamName(key));
    return last?.type === 'Reserved' ? last.holder : null;
  }

  /**
   * Reserves the keys in a fixed order; on a conflict, gives back what it took and throws. `gates`
   * are the keys the same append releases again (see isAbandoned).
   */
  async reserveAll(
    keys: readonly string[],
    streamId: string,
    gates: ReadonlySet<string> = new Set(),
  ): Promise<Claim[]> {
    const claims: Claim[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) {
        const claim = await this.reserve(key, streamId, gates.has(key));
        if (claim) claims.push(claim);
      }
      return claims;
    } catch (error) {
      await this.undoAll(claims, streamId);
      throw error;
    }
  }

  /** Null when the stream already holds the key: there is nothing for this call to give back. */
  async reserve(key: string, streamId: string, gate = false): Promise<Claim | null> {
    const stream = reservationStreamName(key);
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastEvent(stream);
      if (last?.type === 'Reserved' && last.holder === streamId) return null;
      if (last?.type === 'Reserved' && !(await this.isAbandoned(last))) throw new ReservationConflict(key, last.holder);
      const expectedRevision: AppendExpectedRevision = last === null ? NO_STREAM : last.revision;
      try {
        const result = await this.client.appendToStream(stream, [reservationEvent('Reserved', streamId, gate)], {
          expectedRevision,
        });
        return { key, stream, revision: result.nextExpectedRevision, position: toPosition(result.position) };
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        if (attempt === MAX_ATTEMPTS) throw contended(key, 'reserve');
      }
    }
  }

  async releaseAll(keys: readonly string[], streamId: string): Promise<void> {
    for (const key of [...new Set(keys)].sort()) await this.release(key, streamId);
  }

  /** Releases the key if the stream holds it; a key held by another stream is not ours to free. */
  async release(key: string, streamId: string): Promise<void> {
    const stream = reservationStreamName(key);
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastEvent(stream);
      if (last?.type !== 'Reserved' || last.holder !== streamId) return;
      try {
        await this.client.appendToStream(stream, [reservationEvent('Released', streamId)], {
          expectedRevision: last.revision,
        });
        return;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        if (attempt === MAX_ATTEMPTS) throw contended(key, 'release');
      }
    }
  }

  /** Gives back what a failed append reserved. Errors are the caller's to report, not to throw. */
  async undoAll(claims: readonly Claim[], streamId: string): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const claim of claims) {
      await this.undo(claim, streamId).catch((error: unknown) => failures.push(error));
    }
    return failures;
  }

  private async undo(claim: Claim, streamId: string): Promise<void> {
    // A concurrent append to the same stream may have found the key already held (by our claim) and
    // written its events after it: then the key guards those events and must stay held.
    const holderLast = await this.lastPosition(streamId);
    if (holderLast !== null && holderLast > claim.position) return;
    try {
      await this.client.appendToStream(claim.stream, [reservationEvent('Released', streamId)], {
        expectedRevision: claim.revision,
      });
    } catch (error) {
      // Someone wrote after our claim (a takeover): the key is no longer ours to release.
      if (!isWrongExpectedVersion(error)) throw error;
    }
  }

  /**
   * A gate guards one append only, and that append has ended one way or the other by the end of the
   * lease: still held then, it was left by a crash (or a failed release) after the append, and
   * keeping it would shut the key for good.
   */
  private async isAbandoned(reserved: ReservationState): Promise<boolean> {
    if (this.options.now() - reserved.recordedAt.getTime() < this.options.leaseMs) return false;
    if (reserved.gate) return true;
    const holderLast = await this.lastPosition(reserved.holder);
    return holderLast === null || holderLast < reserved.position;
  }

  private async lastEvent(stream: string): Promise<ReservationState | null> {
    const [last] = await this.readLast(stream);
    return last?.event ? toReservationState(last.event) : null;
  }

  private async lastPosition(stream: string): Promise<number | null> {
    const [last] = await this.readLast(stream);
    return last?.event ? toPosition(last.event.position, last.event) : null;
  }

  private async readLast(stream: string): Promise<ResolvedEvent[]> {
    try {
      return await collect(this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }
}

function contended(key: string, action: 'reserve' | 'release'): Error {
  return new Error(
    `could not ${action} reservation ${key}: its stream changed under ${MAX_ATTEMPTS} attempts in a row`,
  );
}
