import { jest } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { AllStreamResolvedEvent, ANY, binaryEvent, jsonEvent, UnavailableError } from '@eventstore/db-client';
import { RecordedEvent } from '../event-store';
import { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb-event-store';
import { LogSubscription } from './client-port';
import { UnreadableEvent } from './mapping';
import { BatchBuffer } from './subscription';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

const fastBackoff = { initialMs: 1, maxMs: 8, multiplier: 2, jitter: 0 };
const event = (n: number) => ({ type: 'N', schemaVersion: 1, data: { n } });
const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => event(from + i));

describe('EventStoreDB subscriptions', () => {
  describe('batching what arrives together', () => {
    const source = () => Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
    const raw = (n: number) => ({ commitPosition: BigInt(n) }) as AllStreamResolvedEvent;

    it('hands over everything that has arrived in one batch, up to the limit', async () => {
      const stream = source();
      const buffer = new BatchBuffer(stream, 100);
      [1, 2, 3, 4, 5].forEach((n) => stream.write(raw(n)));
      await new Promise((resolve) => setImmediate(resolve));
      expect((await buffer.take(3))?.map((e) => e.commitPosition)).toEqual([1n, 2n, 3n]);
      expect((await buffer.take(3))?.map((e) => e.commitPosition)).toEqual([4n, 5n]);
    });

    it('waits for the first event rather than handing over an empty batch', async () => {
      const stream = source();
      const taken = new BatchBuffer(stream, 100).take(10);
      setTimeout(() => stream.write(raw(1)), 10);
      expect(await taken).toHaveLength(1);
    });

    it('pauses the subscription past the high-water mark and resumes it once drained', async () => {
      const stream = source();
      const paused = jest.spyOn(stream, 'pause');
      const resumed = jest.spyOn(stream, 'resume');
      const buffer = new BatchBuffer(stream as LogSubscription, 4);
      Array.from({ length: 4 }, (_, n) => stream.write(raw(n)));
      await new Promise((resolve) => setImmediate(resolve));
      expect(paused).toHaveBeenCalled();
      await buffer.take(4);
      expect(resumed).toHaveBeenCalled();
    });

    it('hands over the events before an error, then throws it', async () => {
      const stream = source();
      const buffer = new BatchBuffer(stream, 100);
      stream.write(raw(1));
      await new Promise((resolve) => setImmediate(resolve));
      stream.emit('error', new UnavailableError());
      expect(await buffer.take(10)).toHaveLength(1);
      await expect(buffer.take(10)).rejects.toBeInstanceOf(UnavailableError);
    });

    it('ends when the source ends or the signal aborts', async () => {
      const ended = source();
      const buffer = new BatchBuffer(ended, 100);
      ended.end();
      expect(await buffer.take(10)).toBeNull();
      const controller = new AbortController();
      const waiting = new BatchBuffer(source(), 100).take(10, controller.signal);
      controller.abort();
      expect(await waiting).toBeNull();
    });
  });

  describe('following the log', () => {
    let server: FakeEventStoreDb;
    let warnings: string[];
    let store: EventStoreDbEventStore;
    const open = (options: EventStoreDbEventStoreOptions = {}) =>
      new EventStoreDbEventStore(server.client(), { backoff: fastBackoff, warn: (m) => warnings.push(m), ...options });

    /** Collects batches until `count` events have come, then aborts. */
    async function follow(count: number, after: number | null, maxBatchSize = 100, onBatch?: (n: number) => void) {
      const controller = new AbortController();
      const batches: RecordedEvent[][] = [];
      let seen = 0;
      for await (const batch of store.subscribe({ after, maxBatchSize, signal: controller.signal })) {
        batches.push(batch);
        seen += batch.length;
        onBatch?.(batches.length);
        if (seen >= count) controller.abort();
      }
      return batches;
    }
    const numbers = (batches: RecordedEvent[][]) => batches.flat().map((e) => e.data.n);

    beforeEach(() => {
      server = new FakeEventStoreDb();
      warnings = [];
      store = open();
    });

    it('delivers events that arrived together in batches of at most maxBatchSize', async () => {
      await store.append('job-1', events(0, 25), { expectedRevision: 'no_stream' });
      const batches = await follow(25, null, 10);
      expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
      expect(numbers(batches)).toEqual(Array.from({ length: 25 }, (_, n) => n));
    });

    it('starts strictly after the given position', async () => {
      const { lastPosition } = await store.append('job-1', events(0, 3), { expectedRevision: 'no_stream' });
      await store.append('job-1', events(3, 2), { expectedRevision: 2 });
      expect(numbers(await follow(2, lastPosition))).toEqual([3, 4]);
    });

    it('resubscribes after the last delivered event when the subscription fails, delivering nothing twice', async () => {
      await store.append('job-1', events(0, 3), { expectedRevision: 'no_stream' });
      const batches = await follow(6, null, 100, (n) => {
        if (n !== 1) return;
        server.failSubscriptions();
        void store.append('job-1', events(3, 3), { expectedRevision: 2 });
      });
      expect(numbers(batches)).toEqual([0, 1, 2, 3, 4, 5]);
      const [first, second] = server.subscriptionStarts;
      expect(first).toBe('start');
      expect(second).toEqual({ commit: BigInt(batches[0][2].position), prepare: BigInt(batches[0][2].position) });
      expect(warnings).toEqual([expect.stringContaining('failed; resubscribing')]);
    });

    it('resubscribes when the server ends the subscription', async () => {
      await store.append('job-1', events(0, 1), { expectedRevision: 'no_stream' });
      const batches = await follow(2, null, 100, (n) => {
        if (n !== 1) return;
        server.endSubscriptions();
        void store.append('job-1', events(1, 1), { expectedRevision: 0 });
      });
      expect(numbers(batches)).toEqual([0, 1]);
      expect(warnings).toEqual([expect.stringContaining('was ended by the server')]);
    });

    it('backs off exponentially, up to the cap, while the server stays unreachable', async () => {
      server.refuseSubscriptions = 5;
      await store.append('job-1', events(0, 1), { expectedRevision: 'no_stream' });
      expect(numbers(await follow(1, null))).toEqual([0]);
      expect(warnings.map((w) => /in (\d+) ms/.exec(w)?.[1])).toEqual(['1', '2', '4', '8', '8']);
    });

    it('stops when the signal aborts while waiting, and closes the subscription', async () => {
      const client = server.client();
      store = new EventStoreDbEventStore(client);
      const controller = new AbortController();
      const iterator = store.subscribe({ after: null, signal: controller.signal })[Symbol.asyncIterator]();
      const next = iterator.next();
      setTimeout(() => controller.abort(), 10);
      expect(await next).toEqual({ done: true, value: undefined });
      expect(client.subscriptions[0].destroyed).toBe(true);
    });

    it('leaves out system events and reservation streams, by the server filter and our own check', async () => {
      await server
        .client()
        .appendToStream('$$job-1', [jsonEvent({ type: '$metadata', data: {} })], { expectedRevision: ANY });
      await server
        .client()
        .appendToStream('job-1', [jsonEvent({ type: '$streamDeleted', data: {} })], { expectedRevision: ANY });
      await store.append('job-2', [event(7)], { expectedRevision: 'no_stream', reservations: { reserve: ['k'] } });
      expect((await follow(1, null)).flat().map((e) => e.streamId)).toEqual(['job-2']);
    });

    it('follows only the configured stream prefixes', async () => {
      store = open({ selection: { kind: 'stream-prefixes', prefixes: ['application-'] } });
      await store.append('job-1', [event(1)], { expectedRevision: 'no_stream' });
      await store.append('application-1', [event(2)], { expectedRevision: 'no_stream' });
      expect(numbers(await follow(1, null))).toEqual([2]);
    });

    it('fails, rather than retrying forever, on an event it cannot read', async () => {
      await server.client().appendToStream('job-1', [binaryEvent({ type: 'Odd', data: new Uint8Array([1]) })], {
        expectedRevision: ANY,
      });
      await expect(follow(1, null)).rejects.toBeInstanceOf(UnreadableEvent);
    });
  });

  describe('reading $all among records that are not ours', () => {
    let server: FakeEventStoreDb;
    const noise = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await server.client().appendToStream(`$stats-${i % 3}`, [jsonEvent({ type: '$statsCollected', data: {} })], {
          expectedRevision: ANY,
        });
      }
    };

    beforeEach(() => {
      server = new FakeEventStoreDb();
    });

    it('fills a page of ours across raw pages of foreign records', async () => {
      const store = new EventStoreDbEventStore(server.client());
      await store.append('job-1', [event(0)], { expectedRevision: 'no_stream' });
      await noise(600);
      await store.append('job-1', [event(1), event(2)], { expectedRevision: 0 });
      const page = await store.readAll({ after: null, maxCount: 2 });
      expect(page.map((e) => e.data.n)).toEqual([0, 1]);
      expect((await store.readAll({ after: page[1].position, maxCount: 2 })).map((e) => e.data.n)).toEqual([2]);
    });

    it('finds the newest of ours behind foreign records, and 0 in a log with none', async () => {
      const store = new EventStoreDbEventStore(server.client());
      expect(await store.headPosition()).toBe(0);
      const { lastPosition } = await store.append('job-1', [event(0)], { expectedRevision: 'no_stream' });
      await noise(600);
      expect(await store.headPosition()).toBe(lastPosition);
    });

    it('settles for the newest record of any kind past the scan limit: nothing of ours lies after it', async () => {
      const store = new EventStoreDbEventStore(server.client(), { headScanLimit: 256 });
      await store.append('job-1', [event(0)], { expectedRevision: 'no_stream' });
      await noise(600);
      expect(await store.headPosition()).toBe(Number(server.log[server.log.length - 1].position.prepare));
    });
  });
});
