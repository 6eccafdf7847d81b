import { Client } from 'pg';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { PostgresEventStore, READ_STREAMS_SQL } from './postgres-event-store';

/**
 * Concurrent requests' stream reads arrive as one statement of a few dozen reads (see
 * sentTogether): each must stay a lookup in the (stream_id, revision) index, not a pass over the
 * whole log.
 */
describe('reading many streams in one statement', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 2, listen: false });
    client = new Client({ connectionString: database.url });
    await client.connect();
    // Statistics taken while the log held a few long streams, as autovacuum may have left them,
    // then 30,000 events in 10,000 more streams (written directly: appends would take a while):
    // the planner thinks each stream long, which is when it chose to read the whole log.
    const insert = (from: number, to: number, streams: number, prefix: string) =>
      client.query(
        `insert into event_store.events (position, stream_id, revision, type, schema_version, data, metadata, transaction_id)
         select n, $3 || (n % $4), n / $4, 'Happened', 1, '{"n": 1}', '{}', pg_current_xact_id()
           from generate_series($1::bigint, $2::bigint) n`,
        [from, to, prefix, streams],
      );
    await insert(100_000, 101_999, 20, 'long-');
    await client.query('analyze event_store.events');
    await insert(0, 29_999, 10_000, 'stream-');
  });
  afterAll(async () => {
    await client.end();
    await store.close();
    await database.drop();
  });

  it('looks each stream up in the index, however many are read together', async () => {
    const streams = Array.from({ length: 40 }, (_, n) => `stream-${n * 7}`);
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${READ_STREAMS_SQL}`, [
      streams,
      streams.map(() => 0),
    ]);
    const plan = JSON.stringify(rows[0]['QUERY PLAN']);
    expect(plan).toContain('events_stream_id_revision_key');
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"events"/);
  });

  it('answers each read its own stream from its revision on', async () => {
    const streams = await store.readStreams([
      { streamId: 'stream-5', fromRevision: 1 },
      { streamId: 'stream-9999' },
      { streamId: 'stream-none' },
    ]);
    expect(streams.map((events) => events.map((e) => `${e.streamId}:${e.revision}`))).toEqual([
      ['stream-5:1', 'stream-5:2'],
      ['stream-9999:0', 'stream-9999:1', 'stream-9999:2'],
      [],
    ]);
  });
});
