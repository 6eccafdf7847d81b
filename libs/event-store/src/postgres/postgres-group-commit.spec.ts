import { Pool } from 'pg';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { AppendResult, NewEvent, ReservationConflict, WrongExpectedRevision } from '../event-store';
import { PostgresEventStore } from './postgres-event-store';
import { event } from './testing/live-subscriber';

const settled = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);
const failure = (outcome: PromiseSettledResult<unknown>) => (outcome.status === 'rejected' ? outcome.reason : null);

/**
 * Appends that wait for a connection are written in one statement and one commit; each is still
 * answered on its own, and one that fails takes none of the others with it.
 */
describe('PostgreSQL group commit', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Pool;

  beforeEach(async () => {
    database = await createTestDatabase();
    // One append statement at a time: every append that arrives while it is out joins the next.
    store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 2, appendsInFlight: 1 });
    sql = new Pool({ connectionString: database.url, max: 1 });
  });
  afterEach(async () => {
    await sql.end();
    await store.close();
    await database.drop();
  });

  /** The transaction that wrote each stream's events. */
  const transactionsOf = async (streams: string[]) => {
    const { rows } = await sql.query<{ stream_id: string; transaction_id: string }>(
      'select stream_id, transaction_id::text from event_store.events where stream_id = any($1)',
      [streams],
    );
    return streams.map((stream) => rows.find((row) => row.stream_id === stream)?.transaction_id);
  };

  const create = (stream: string, events: NewEvent[] = [event('Opened')]) =>
    store.append(stream, events, { expectedRevision: 'no_stream' });

  it('writes the appends that arrive while one is out in one transaction, answering each its own', async () => {
    const streams = ['s-1', 's-2', 's-3', 's-4', 's-5'];
    const first = create(streams[0], [event('Opened'), event('Named')]);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = streams.slice(1).map((stream) => create(stream, [event('Opened'), event('Named')]));
    const results = await Promise.all([first, ...rest]);

    const [alone, ...together] = await transactionsOf(streams);
    expect(new Set(together).size).toBe(1);
    expect(together[0]).not.toBe(alone);
    expect(results.every((result) => result.nextRevision === 1)).toBe(true);
    const events = await store.readAll({ after: null, maxCount: 100 });
    for (const [i, stream] of streams.entries()) {
      expect(
        events
          .filter((e) => e.streamId === stream)
          .map((e) => e.position)
          .pop(),
      ).toBe(results[i].lastPosition);
    }
  });

  it('fails a wrong expected revision and a key held by another stream alone, and writes the rest', async () => {
    await create('taken');
    await store.append('holder', [event('Reserved')], {
      expectedRevision: 'no_stream',
      reservations: { reserve: ['email:ada@example.com'] },
    });

    const outcomes = await settled([
      create('first'),
      store.append('taken', [event('Again')], { expectedRevision: 'no_stream' }),
      create('second'),
      store.append('rival', [event('Reserved')], {
        expectedRevision: 'no_stream',
        reservations: { reserve: ['email:ada@example.com'] },
      }),
      create('third'),
    ]);

    expect(outcomes.map(failure)).toEqual([
      null,
      new WrongExpectedRevision('taken', 'no_stream', 0),
      null,
      new ReservationConflict('email:ada@example.com', 'holder'),
      null,
    ]);
    const written = (await store.readAll({ after: null, maxCount: 100 })).map((e) => e.streamId);
    expect(written.sort()).toEqual(['first', 'holder', 'second', 'taken', 'third']);
    expect(await store.reservationHolder('email:ada@example.com')).toBe('holder');
  });

  it('keeps the order of appends to one stream that go together', async () => {
    await create('warm-up');
    const [opened, moved] = await Promise.all([
      create('application'),
      store.append('application', [event('Moved')], { expectedRevision: 0 }),
      create('other'),
    ]);
    expect([opened.nextRevision, moved.nextRevision]).toEqual([0, 1]);
    expect((await store.readStream('application')).map((e) => e.type)).toEqual(['Opened', 'Moved']);
  });

  it('fails only the append that the server cannot take, inside the statement or when reading it', async () => {
    const tooLarge: NewEvent = { type: 'Versioned', schemaVersion: 2 ** 40, data: {} };
    const unstorable: NewEvent = { type: 'Null', schemaVersion: 1, data: { note: 'a \u0000 in text' } };
    await create('warm-up');

    const outcomes = await settled([create('good-1'), create('bad-version', [tooLarge]), create('good-2')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const again = await settled([create('good-3'), create('bad-text', [unstorable]), create('good-4')]);
    expect(again.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    const written = (await store.readAll({ after: null, maxCount: 100 })).map((e) => e.streamId);
    expect(written.sort()).toEqual(['good-1', 'good-2', 'good-3', 'good-4', 'warm-up']);
    // Nothing was left locked: the next group goes through.
    await expect(Promise.all([create('after-1'), create('after-2')])).resolves.toHaveLength(2);
  });

  /**
   * Three writers (each its own process's store; the first never groups) append 25 rounds each of
   * four appends, each round one group, walking four names in orders of their own, forwards or
   * backwards, so that groups meet them crosswise. The names are the streams appended to, or keys
   * that each append locks exclusively by giving them back (nobody holds them), two per append,
   * each on a stream of its own, or both. Without the group's order of streams, its keys locked
   * first, or a single append's keys before its stream, one of the three deadlocks.
   */
  async function appendCrosswise(on: 'streams' | 'keys' | 'both') {
    const writers = await Promise.all(
      Array.from({ length: 3 }, (_, w) =>
        PostgresEventStore.open({
          connectionString: database.url,
          poolSize: 2,
          appendsInFlight: 1,
          // The first sends every append alone, as an idle process would.
          largestAppendGroup: w === 0 ? 1 : undefined,
          listen: false,
        }),
      ),
    );
    const names = ['a', 'b', 'c', 'd'];
    const appended: Promise<AppendResult>[] = [];
    try {
      for (let round = 0; round < 25; round += 1) {
        for (const [w, writer] of writers.entries()) {
          for (let i = 0; i < names.length; i += 1) {
            const name = names[(w % 2 === 0 ? w + round + i : w + round - i + names.length) % names.length];
            const next = names[(names.indexOf(name) + 1) % names.length];
            const keys = { release: [`key:${next}`, `key:${name}`] };
            appended.push(
              on === 'streams'
                ? writer.append(name, [event('Touched')], { expectedRevision: 'any' })
                : writer.append(on === 'keys' ? `${w}-${round}-${i}` : name, [event('Touched')], {
                    expectedRevision: 'any',
                    reservations: keys,
                  }),
            );
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const outcomes = await settled(appended);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected').map(failure)).toEqual([]);
    } finally {
      await Promise.all(writers.map((writer) => writer.close()));
    }
    const all = await store.readAll({ after: null, maxCount: 1000 });
    expect(all).toHaveLength(appended.length);
    for (const stream of new Set(all.map((e) => e.streamId))) {
      const revisions = all.filter((e) => e.streamId === stream).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
  }

  it('never deadlocks on streams that groups in several processes append to crosswise', async () => {
    await appendCrosswise('streams');
  });

  it('never deadlocks on keys that groups in several processes lock crosswise', async () => {
    await appendCrosswise('keys');
  });

  it('never deadlocks on streams and keys together, appended alone or in groups', async () => {
    await appendCrosswise('both');
  });
});
