import { UnavailableError } from '@eventstore/db-client';
import { ReservationConflict } from '../event-store';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { reservationStreamName } from './reservation-events';
import { ReservationBook } from './reservations';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

const LEASE = 60_000;
const GATE = 'job-intake:job-1';
const event = (type: string) => ({ type, schemaVersion: 1, data: {} });

/**
 * A key reserved and released by the same append is a gate: it orders that append against any other
 * that takes the key (a job's close keeps it for good), and holds nothing afterwards. On EventStoreDB
 * the three writes are not atomic, so a gate left held by a crash after the append must not shut
 * the key forever, as a kept reservation rightly does.
 */
describe('EventStoreDB reservations taken and given back by one append', () => {
  let server: FakeEventStoreDb;
  let clock: number;
  const store = () =>
    new EventStoreDbEventStore(server.client(), { reservationLeaseMs: LEASE, now: () => clock, warn: () => undefined });
  const book = () => new ReservationBook(server.client(), { leaseMs: LEASE, now: () => clock });
  const submit = (streamId: string) =>
    store().append(streamId, [event('Submitted')], {
      expectedRevision: 'no_stream',
      reservations: { reserve: [GATE], release: [GATE] },
    });

  beforeEach(() => {
    server = new FakeEventStoreDb();
    clock = Date.now();
    server.clock = () => new Date(clock);
  });

  it('leaves the key free once the append is written', async () => {
    await submit('application-a');
    await submit('application-b');
    expect(await book().holder(GATE)).toBeNull();
    expect(server.log.filter((e) => e.streamId.startsWith('application-'))).toHaveLength(2);
  });

  it('refuses the append once another stream keeps the key', async () => {
    await store().append('job-1', [event('Closed')], {
      expectedRevision: 'no_stream',
      reservations: { reserve: [GATE] },
    });
    await expect(submit('application-a')).rejects.toEqual(new ReservationConflict(GATE, 'job-1'));
    expect(server.log.some((e) => e.streamId === 'application-a')).toBe(false);
  });

  describe('a gate still held because the release after the append failed', () => {
    beforeEach(async () => {
      server.failAppend = (stream) =>
        stream.startsWith('reservation-') && server.log.some((e) => e.streamId === 'application-a')
          ? new UnavailableError()
          : undefined;
      await submit('application-a');
      server.failAppend = () => undefined;
      expect(await book().holder(GATE)).toBe('application-a');
    });

    it('is respected while younger than the lease', async () => {
      clock += LEASE - 1_000;
      await expect(book().reserve(GATE, 'job-1')).rejects.toBeInstanceOf(ReservationConflict);
    });

    it('is taken over once the lease has passed, though its holder wrote events after it', async () => {
      clock += LEASE + 1;
      await store().append('job-1', [event('Closed')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: [GATE] },
      });
      expect(await book().holder(GATE)).toBe('job-1');
      expect(server.readStream(reservationStreamName(GATE), {}).map(({ event: e }) => e?.type)).toEqual([
        'Reserved',
        'Reserved',
      ]);
    });
  });
});
