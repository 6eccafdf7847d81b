import {
  AccessDeniedError,
  ANY,
  binaryEvent,
  DeadlineExceededError,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ExpectedRevision, WrongExpectedRevision } from '../event-store';
import { backoffDelay, sleep } from './backoff';
import { accepts, serverFilter } from './log-selection';
import {
  appendMayHaveBeenWritten,
  fromCurrentRevision,
  fromEsdbExpectedRevision,
  isStreamNotFound,
  isWrongExpectedVersion,
  mapAppendError,
  toEsdbExpectedRevision,
  toEventData,
  toPosition,
  toReadPosition,
  toRecordedEvent,
  toSafeNumber,
  UnreadableEvent,
} from './mapping';
import { reservationEvent, reservationStreamName, toReservationState } from './reservation-events';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

const tooBig = BigInt(Number.MAX_SAFE_INTEGER) + 1n;

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it.each<[ExpectedRevision, unknown]>([
      [0, 0n],
      [41, 41n],
      ['no_stream', NO_STREAM],
      ['any', ANY],
    ])('maps %p to the client and back', (ours, theirs) => {
      expect(toEsdbExpectedRevision(ours)).toBe(theirs);
      expect(fromEsdbExpectedRevision(toEsdbExpectedRevision(ours))).toBe(ours);
    });

    it.each([-1, 1.5, Number.NaN])('refuses %p as an exact revision', (revision) => {
      expect(() => toEsdbExpectedRevision(revision)).toThrow(RangeError);
    });

    it('has no counterpart for "stream exists", which the adapter never sends', () => {
      expect(() => fromEsdbExpectedRevision(STREAM_EXISTS)).toThrow(RangeError);
    });

    it('maps the current revision a conflict reports', () => {
      expect(fromCurrentRevision(NO_STREAM)).toBe('no_stream');
      expect(fromCurrentRevision(7n)).toBe(7);
    });
  });

  describe('numbers', () => {
    it('keeps 64-bit values that fit a JavaScript number and refuses the rest', () => {
      expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), 'x')).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toSafeNumber(tooBig, 'revision')).toThrow(/revision 9007199254740992 does not fit/);
      expect(() => toSafeNumber(-1n, 'revision')).toThrow(RangeError);
    });

    it('takes the prepare position, which is unique per event', () => {
      expect(toPosition({ commit: 900n, prepare: 812n })).toBe(812);
    });

    it('refuses a position above Number.MAX_SAFE_INTEGER or a missing one', () => {
      expect(() => toPosition({ commit: tooBig, prepare: tooBig })).toThrow(/log position/);
      expect(() => toPosition(undefined, { streamId: 's', revision: 3n })).toThrow(/event 3 of s/);
    });

    it('starts reads at the beginning, or at a position as both commit and prepare', () => {
      expect(toReadPosition(null)).toBe(START);
      expect(toReadPosition(42)).toEqual({ commit: 42n, prepare: 42n });
    });
  });

  describe('errors', () => {
    const conflict = (current: bigint | typeof NO_STREAM) =>
      new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current });

    it('turns a wrong expected version into WrongExpectedRevision with the actual revision', () => {
      const mapped = mapAppendError(conflict(4n), 'job-1', 0);
      expect(mapped).toBeInstanceOf(WrongExpectedRevision);
      expect(mapped).toMatchObject({ streamId: 'job-1', expected: 0, actual: 4 });
    });

    it('reports a stream that does not exist as "no_stream"', () => {
      expect(mapAppendError(conflict(NO_STREAM), 'job-1', 3)).toMatchObject({ expected: 3, actual: 'no_stream' });
    });

    it('passes every other error through untouched', () => {
      const unavailable = new UnavailableError();
      const plain = new Error('boom');
      expect(mapAppendError(unavailable, 's', 'any')).toBe(unavailable);
      expect(mapAppendError(plain, 's', 'any')).toBe(plain);
      expect(mapAppendError('text', 's', 'any')).toBe('text');
    });

    it('tells a refused append from one whose outcome is unknown', () => {
      expect(appendMayHaveBeenWritten(conflict(1n))).toBe(false);
      expect(appendMayHaveBeenWritten(new AccessDeniedError())).toBe(false);
      expect(appendMayHaveBeenWritten(new UnavailableError())).toBe(true);
      expect(appendMayHaveBeenWritten(new DeadlineExceededError())).toBe(true);
      expect(appendMayHaveBeenWritten(new Error('socket hang up'))).toBe(true);
    });

    it('recognises the client errors it handles', () => {
      expect(isWrongExpectedVersion(conflict(1n))).toBe(true);
      expect(isWrongExpectedVersion(new UnavailableError())).toBe(false);
      expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
      expect(isStreamNotFound(new Error('stream not found'))).toBe(false);
    });
  });

  describe('events', () => {
    const roundTrip = (data: ReturnType<typeof toEventData>) => {
      const server = new FakeEventStoreDb();
      server.append('application-1', [data], ANY);
      const [{ event }] = server.readStream('application-1', {});
      return toRecordedEvent(event!);
    };

    it('writes a JSON event with our type and data, and the schema version beside our metadata', () => {
      const data = toEventData({
        type: 'StageChanged',
        schemaVersion: 2,
        data: { to: 'cto' },
        metadata: { actor: 'u1' },
      });
      expect(data).toMatchObject({
        contentType: 'application/json',
        type: 'StageChanged',
        data: { to: 'cto' },
        metadata: { actor: 'u1', schemaVersion: 2 },
      });
      expect(data.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('reads back type, data, metadata and schema version as they were written', () => {
      const metadata = { actor: 'u1', correlationId: 'c1', causationId: 'k1', tenant: { id: 7 } };
      const recorded = roundTrip(
        toEventData({ type: 'Submitted', schemaVersion: 3, data: { n: 1, tags: ['a'] }, metadata }),
      );
      expect(recorded).toMatchObject({ streamId: 'application-1', revision: 0, type: 'Submitted', schemaVersion: 3 });
      expect(recorded.data).toEqual({ n: 1, tags: ['a'] });
      expect(recorded.metadata).toEqual(metadata);
      expect(recorded.recordedAt).toBeInstanceOf(Date);
      expect(recorded.position).toBeGreaterThan(0);
    });

    it('reads an event written without metadata with empty metadata', () => {
      expect(roundTrip(toEventData({ type: 'T', schemaVersion: 1, data: {} })).metadata).toEqual({});
    });

    it.each([0, -1, 1.5])('refuses schema version %p', (schemaVersion) => {
      expect(() => toEventData({ type: 'T', schemaVersion, data: {} })).toThrow(RangeError);
    });

    it('refuses events it did not write', () => {
      expect(() => roundTrip(jsonEvent({ type: 'T', data: {} }))).toThrow(UnreadableEvent);
      expect(() => roundTrip(jsonEvent({ type: 'T', data: {}, metadata: { schemaVersion: 1, actor: 5 } }))).toThrow(
        /actor is not a string/,
      );
      expect(() => roundTrip(binaryEvent({ type: 'T', data: new Uint8Array([1]) }))).toThrow(/not a JSON object/);
    });
  });

  describe('reservation streams', () => {
    it('names a key by the SHA-256 of the key, so no personal data shows in a stream name', () => {
      expect(reservationStreamName('')).toBe(
        'reservation-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      );
      expect(reservationStreamName('ana@example.com|job-1')).toBe(reservationStreamName('ana@example.com|job-1'));
      expect(reservationStreamName('ana@example.com|job-1')).not.toBe(reservationStreamName('ana@example.com|job-2'));
    });

    it('reads who reserved or released a key', () => {
      const server = new FakeEventStoreDb();
      server.append('reservation-x', [reservationEvent('Reserved', 'application-1')], NO_STREAM);
      const [{ event }] = server.readStream('reservation-x', {});
      expect(toReservationState(event!)).toMatchObject({ type: 'Reserved', holder: 'application-1', revision: 0n });
    });
  });

  describe('selecting our events from $all', () => {
    const nonSystem = serverFilter({ kind: 'non-system' });
    const serverMatches = (streamId: string) => 'regex' in nonSystem && new RegExp(nonSystem.regex).test(streamId);

    it('asks the server for every stream but system and reservation streams', () => {
      expect(nonSystem.filterOn).toBe('streamName');
      expect(['application-1', 'job-2', 'contract1-x'].map(serverMatches)).toEqual([true, true, true]);
      expect(['$stats-1', '$$application-1', 'reservation-ab'].map(serverMatches)).toEqual([false, false, false]);
    });

    it('asks the server for the configured stream prefixes', () => {
      expect(serverFilter({ kind: 'stream-prefixes', prefixes: ['application-', 'job-'] })).toMatchObject({
        filterOn: 'streamName',
        prefixes: ['application-', 'job-'],
      });
      expect(() => serverFilter({ kind: 'stream-prefixes', prefixes: [] })).toThrow(RangeError);
    });

    it('drops system event types whatever the stream', () => {
      expect(accepts({ kind: 'non-system' }, { streamId: 'job-1', type: 'JobOpened' })).toBe(true);
      expect(accepts({ kind: 'non-system' }, { streamId: 'job-1', type: '$streamDeleted' })).toBe(false);
      expect(accepts({ kind: 'non-system' }, { streamId: 'reservation-a', type: 'Reserved' })).toBe(false);
      expect(accepts({ kind: 'stream-prefixes', prefixes: ['job-'] }, { streamId: 'application-1', type: 'A' })).toBe(
        false,
      );
    });
  });

  describe('reconnect backoff', () => {
    const exact = () => 0;

    it('doubles from 100 ms up to a 10 s cap', () => {
      const schedule = Array.from({ length: 10 }, (_, attempt) => backoffDelay(attempt, undefined, exact));
      expect(schedule).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000]);
      expect(backoffDelay(5_000, undefined, exact)).toBe(10_000);
    });

    it('takes up to a fifth off at random so replicas do not reconnect in lockstep', () => {
      expect(backoffDelay(3, undefined, () => 1)).toBe(640);
      expect(backoffDelay(3, undefined, () => 0.5)).toBe(720);
    });

    it('follows a configured policy', () => {
      const policy = { initialMs: 1, maxMs: 4, multiplier: 3, jitter: 0 };
      expect([0, 1, 2].map((attempt) => backoffDelay(attempt, policy))).toEqual([1, 3, 4]);
    });

    it('stops waiting when the signal aborts', async () => {
      const controller = new AbortController();
      const started = Date.now();
      const waiting = sleep(60_000, controller.signal);
      controller.abort();
      await waiting;
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
