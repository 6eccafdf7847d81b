import { AccessDeniedError, jsonEvent, NO_STREAM, UnavailableError } from '@eventstore/db-client';
import { ReservationConflict, WrongExpectedRevision } from '../event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { reservationEvent, reservationStreamName } from './reservation-events';
import { ReservationBook } from './reservations';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

const LEASE = 60_000;
const KEY = 'ana@example.com|job-1';
const event = (type: string) => ({ type, schemaVersion: 1, data: {} });

describe('EventStoreDB reservations', () => {
  let server: FakeEventStoreDb;
  let clock: number;
  let warnings: string[];
  const book = () => new ReservationBook(server.client(), { leaseMs: LEASE, now: () => clock });
  const store = () =>
    new EventStoreDbEventStore(server.client(), {
      reservationLeaseMs: LEASE,
      now: () => clock,
      warn: (message) => warnings.push(message),
    });
  const reservationLog = () =>
    server
      .readStream(reservationStreamName(KEY), {})
      .map(({ event }) => [event?.type, (event?.data as { streamId: string }).streamId]);
  /** A claimant that reserved and then died before appending its events. */
  const crashedClaimant = (streamId: string) =>
    server.append(reservationStreamName(KEY), [reservationEvent('Reserved', streamId)], NO_STREAM);

  beforeEach(() => {
    server = new FakeEventStoreDb();
    clock = Date.now();
    // One clock for the server's timestamps and ours, so "past the lease" means exactly that.
    server.clock = () => new Date(clock);
    warnings = [];
  });

  it('reserves a fresh key by creating its stream', async () => {
    const claim = await book().reserve(KEY, 'application-a');
    expect(claim).toMatchObject({ key: KEY, stream: reservationStreamName(KEY), revision: 0n });
    expect(await book().holder(KEY)).toBe('application-a');
  });

  it('treats a key the stream already holds as held, writing nothing and claiming nothing', async () => {
    await book().reserve(KEY, 'application-a');
    expect(await book().reserve(KEY, 'application-a')).toBeNull();
    expect(reservationLog()).toHaveLength(1);
  });

  it('refuses a key another stream holds, naming the holder', async () => {
    await store().append('application-a', [event('Submitted')], {
      expectedRevision: 'no_stream',
      reservations: { reserve: [KEY] },
    });
    await expect(book().reserve(KEY, 'application-b')).rejects.toEqual(new ReservationConflict(KEY, 'application-a'));
  });

  it('lets only the holder release a key, and lets the next claimant take it at the exact revision', async () => {
    await book().reserve(KEY, 'application-a');
    await book().release(KEY, 'application-b');
    expect(await book().holder(KEY)).toBe('application-a');
    await book().release(KEY, 'application-a');
    expect(await book().holder(KEY)).toBeNull();
    await book().reserve(KEY, 'application-b');
    expect(reservationLog()).toEqual([
      ['Reserved', 'application-a'],
      ['Released', 'application-a'],
      ['Reserved', 'application-b'],
    ]);
  });

  it('gives a key to one of two claimants racing for it; the loser sees the winner', async () => {
    const outcomes = await Promise.allSettled([
      book().reserve(KEY, 'application-a'),
      book().reserve(KEY, 'application-b'),
    ]);
    const [won, lost] =
      outcomes[0].status === 'fulfilled' ? ['application-a', outcomes[1]] : ['application-b', outcomes[0]];
    expect(lost).toEqual({ status: 'rejected', reason: new ReservationConflict(KEY, won) });
    expect(await book().holder(KEY)).toBe(won);
  });

  describe('a claimant that died between reserving and appending', () => {
    it('keeps the key while the reservation is younger than the lease: its append may still be in flight', async () => {
      crashedClaimant('application-dead');
      clock += LEASE - 1_000;
      await expect(book().reserve(KEY, 'application-b')).rejects.toBeInstanceOf(ReservationConflict);
    });

    it('loses the key to the next claimant once the lease has passed', async () => {
      crashedClaimant('application-dead');
      clock += LEASE + 1;
      await store().append('application-b', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      expect(await book().holder(KEY)).toBe('application-b');
      expect(reservationLog()).toEqual([
        ['Reserved', 'application-dead'],
        ['Reserved', 'application-b'],
      ]);
    });

    it('also loses it when its stream has events, but none after the reservation', async () => {
      server.append(
        'application-old',
        [jsonEvent({ type: 'Submitted', data: {}, metadata: { schemaVersion: 1 } })],
        NO_STREAM,
      );
      crashedClaimant('application-old');
      clock += LEASE + 1;
      expect(await book().reserve(KEY, 'application-b')).not.toBeNull();
    });

    it('never loses a key whose holder wrote events after reserving it, however old', async () => {
      await store().append('application-a', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      clock += 10 * LEASE;
      await expect(book().reserve(KEY, 'application-b')).rejects.toEqual(new ReservationConflict(KEY, 'application-a'));
    });
  });

  describe('around the append', () => {
    it('gives back what it reserved when the append fails on its revision, and says so in our terms', async () => {
      await store().append('application-a', [event('Submitted')], { expectedRevision: 'no_stream' });
      const failing = store().append('application-a', [event('Moved')], {
        expectedRevision: 5,
        reservations: { reserve: [KEY] },
      });
      await expect(failing).rejects.toMatchObject({ constructor: WrongExpectedRevision, actual: 0 });
      expect(await book().holder(KEY)).toBeNull();
    });

    it('gives back what it reserved when the server refuses the append, and rethrows that very error', async () => {
      const refusal = new AccessDeniedError();
      server.failAppend = (stream) => (stream === 'application-a' ? refusal : undefined);
      const failing = store().append('application-a', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      await expect(failing).rejects.toBe(refusal);
      expect(await book().holder(KEY)).toBeNull();
    });

    it('keeps what it reserved when the append may still land, until the lease ends', async () => {
      const outage = new UnavailableError();
      server.failAppend = (stream) => (stream === 'application-a' ? outage : undefined);
      const failing = store().append('application-a', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      await expect(failing).rejects.toBe(outage);
      expect(await book().holder(KEY)).toBe('application-a');
      expect(warnings).toEqual([expect.stringContaining('unknown outcome')]);
      clock += LEASE + 1;
      expect(await book().reserve(KEY, 'application-b')).not.toBeNull();
    });

    it('gives back the keys it took when a later key is held by another stream', async () => {
      const other = 'bo@example.com|job-1';
      await book().reserve(other, 'application-a');
      const claimant = store().append('application-b', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY, other] },
      });
      await expect(claimant).rejects.toEqual(new ReservationConflict(other, 'application-a'));
      expect(await book().holder(KEY)).toBeNull();
      expect(server.log.some((e) => e.streamId === 'application-b')).toBe(false);
    });

    it('keeps a claim that a concurrent append to the same stream has written events under', async () => {
      const claim = await book().reserve(KEY, 'application-a');
      await store().append('application-a', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      expect(await book().undoAll([claim!], 'application-a')).toEqual([]);
      expect(await book().holder(KEY)).toBe('application-a');
    });

    it('releases after the append, and only warns when the release fails, since the events are written', async () => {
      const s = store();
      await s.append('application-a', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      server.failAppend = (stream) => (stream.startsWith('reservation-') ? new UnavailableError() : undefined);
      const result = await s.append('application-a', [event('Withdrawn')], {
        expectedRevision: 0,
        reservations: { release: [KEY] },
      });
      expect(result.nextRevision).toBe(1);
      expect(warnings).toEqual([
        expect.stringContaining('application-a was appended but a reservation it gave up is still held'),
      ]);
      expect(await book().holder(KEY)).toBe('application-a');
    });

    it('keeps reservation streams out of the global log a subscriber reads', async () => {
      const s = store();
      await s.append('application-a', [event('Submitted')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [KEY] },
      });
      const log = await s.readAll({ after: null, maxCount: 100 });
      expect(log.map((e) => e.streamId)).toEqual(['application-a']);
      expect(await s.headPosition()).toBe(log[0].position);
    });
  });
});
