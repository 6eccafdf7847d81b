import { describe, expect, it } from '@jest/globals';
import { type EventStore, handleCommand } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { FakeEventStoreDb } from '@app/event-store/eventstoredb/testing/fake-eventstoredb';
import { ApplicationAlreadyExists, applicationAggregate, applicationStreamId } from '@app/hiring';
import { assumingNewStream } from './new-stream';

const APPLICATION = '0b6c5d0e-8a1f-4c7e-9d2a-3f4b5c6d7e8f';
const STREAM = applicationStreamId(APPLICATION);
const NOW = '2026-11-23T09:00:00.000Z';

/** An in-memory store that counts the reads of each stream. */
function countingStore(): { store: EventStore; reads: string[] } {
  const inner = new EventStoreDbEventStore(new FakeEventStoreDb().client());
  const reads: string[] = [];
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'readStream')
        return (streamId: string, options?: object) => {
          reads.push(streamId);
          return target.readStream(streamId, options);
        };
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, reads };
}

const submit = (store: EventStore) =>
  handleCommand(
    store,
    applicationAggregate,
    APPLICATION,
    (_, now) => ({
      type: 'SubmitApplication' as const,
      data: { applicationId: APPLICATION, jobId: 'a1b2c3d4-0000-4000-8000-000000000001', source: null },
      actor: 'recruiter-1',
      now,
    }),
    { now: () => new Date(NOW), metadata: { actor: 'recruiter-1', correlationId: 'c-1' } },
  );

describe('a command that creates a stream under a fresh id', () => {
  it('appends the first event without reading the stream', async () => {
    const { store, reads } = countingStore();
    const outcome = await submit(assumingNewStream(store, STREAM));
    expect(outcome.version).toBe(0);
    expect(reads).toEqual([]);
    expect((await store.readStream(STREAM)).map((e) => e.type)).toEqual(['ApplicationSubmitted']);
  });

  it('is decided on what the stream holds when it existed after all, and appends nothing', async () => {
    const { store, reads } = countingStore();
    await submit(store);
    await expect(submit(assumingNewStream(store, STREAM))).rejects.toThrow(ApplicationAlreadyExists);
    expect(reads).toEqual([STREAM, STREAM]);
    expect(await store.readStream(STREAM)).toHaveLength(1);
  });

  it('reads other streams, and that stream a second time, from the store', async () => {
    const { store, reads } = countingStore();
    await submit(store);
    const view = assumingNewStream(store, STREAM);
    expect(await view.readStream(STREAM)).toEqual([]);
    expect(await view.readStream(STREAM)).toHaveLength(1);
    expect(await view.readStream('job-1')).toEqual([]);
    expect(reads).toEqual([STREAM, STREAM, 'job-1']);
  });
});
