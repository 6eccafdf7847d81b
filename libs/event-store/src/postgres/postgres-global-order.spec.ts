import { Client } from 'pg';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { PostgresEventStore } from './postgres-event-store';
import { EVENT_STORE_MIGRATIONS } from './schema';
import { LiveSubscriber, event } from './testing/live-subscriber';

// PGlite runs one transaction at a time, so an append can never be in flight beside another there,
// and it has one database: these tests need a real server.
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

const rawAppend = (client: Client, stream: string, type: string) =>
  client.query(
    `select event_store.append($1, -2, array[$2], '{1}', array['{}'::jsonb], array['{}'::jsonb], '{}', '{}')`,
    [stream, type],
  );

describe('PostgreSQL global order', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let other: Client;

  beforeEach(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 });
    other = new Client({ connectionString: database.url });
    await other.connect();
  });
  afterEach(async () => {
    await other.end();
    await store.close();
    await database.drop();
  });

  onRealPostgres(
    'holds a subscriber back until an append still in flight commits, then delivers both in order',
    async () => {
      await other.query('begin');
      await rawAppend(other, 'slow', 'Slow');
      // Takes a higher position than the open transaction and commits first.
      await store.append('fast', [event('Fast')], { expectedRevision: 'no_stream' });
      expect(await store.readAll({ after: null, maxCount: 10 })).toEqual([]);

      const subscriber = new LiveSubscriber(store, null);
      await other.query('commit');
      await subscriber.arrivalOf('Fast', 5_000);
      await subscriber.stop();
      expect(subscriber.types).toEqual(['Slow', 'Fast']);
    },
  );

  onRealPostgres(
    'holds later positions back while an append is in flight, and lets them go when it rolls back',
    async () => {
      await other.query('begin');
      await rawAppend(other, 'doomed', 'Doomed');
      await store.append('fast', [event('Fast')], { expectedRevision: 'no_stream' });
      expect(await store.readAll({ after: null, maxCount: 10 })).toEqual([]);

      const subscriber = new LiveSubscriber(store, null);
      await other.query('rollback');
      await subscriber.arrivalOf('Fast', 5_000);
      await subscriber.stop();
      expect(subscriber.types).toEqual(['Fast']);
    },
  );

  onRealPostgres(
    'lets an append follow other writes in its transaction, still holding readers back until it commits',
    async () => {
      await other.query('create table bystander (n integer)');
      await other.query('begin');
      await other.query('insert into bystander values (1)');
      await rawAppend(other, 'late', 'Late');
      await store.append('fast', [event('Fast')], { expectedRevision: 'no_stream' });
      expect(await store.readAll({ after: null, maxCount: 10 })).toEqual([]);

      await other.query('commit');
      const subscriber = new LiveSubscriber(store, null);
      await subscriber.arrivalOf('Fast', 5_000);
      await subscriber.stop();
      expect(subscriber.types).toEqual(['Late', 'Fast']);
    },
  );

  onRealPostgres('delays no event by more than 100 ms while a transaction stays open in another database', async () => {
    const elsewhere = await createTestDatabase();
    const idle = new Client({ connectionString: elsewhere.url });
    await idle.connect();
    try {
      await idle.query('begin');
      await idle.query('create table busy (n integer)');
      await idle.query('insert into busy values (1)');
      await expectPromptDelivery(store);
    } finally {
      await idle.query('rollback');
      await idle.end();
      await elsewhere.drop();
    }
  });

  onRealPostgres(
    'delays no event by more than 100 ms while a transaction stays open in another schema of this database',
    async () => {
      await other.query('create schema read_side');
      await other.query('create table read_side.batch (n integer)');
      await other.query('begin');
      await other.query('insert into read_side.batch values (1)');
      try {
        await expectPromptDelivery(store);
      } finally {
        await other.query('rollback');
      }
    },
  );

  it('upgrades a version 1 event store in place, keeping its events', async () => {
    const old = await createTestDatabase();
    const client = new Client({ connectionString: old.url });
    await client.connect();
    try {
      const [v1] = EVENT_STORE_MIGRATIONS;
      await client.query('create schema event_store');
      await client.query(
        'create table event_store.schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
      );
      await client.query(v1.sql);
      await client.query('insert into event_store.schema_migrations (version) values (1)');
      await rawAppend(client, 'old', 'Before');

      const upgraded = await PostgresEventStore.open({ connectionString: old.url, poolSize: 2 });
      try {
        await upgraded.append('old', [event('After')], { expectedRevision: 0 });
        expect((await upgraded.readStream('old')).map((e) => [e.type, e.revision])).toEqual([
          ['Before', 0],
          ['After', 1],
        ]);
        const subscriber = new LiveSubscriber(upgraded, null);
        await subscriber.arrivalOf('After', 5_000);
        await subscriber.stop();
        expect(subscriber.types).toEqual(['Before', 'After']);
      } finally {
        await upgraded.close();
      }
    } finally {
      await client.end();
      await old.drop();
    }
  });
});

/** Ten appends, each delivered to a live subscriber within 100 ms of its acknowledgement. */
async function expectPromptDelivery(store: PostgresEventStore): Promise<void> {
  const subscriber = new LiveSubscriber(store, await store.headPosition());
  try {
    const delays: number[] = [];
    for (let n = 0; n < 10; n++) {
      delays.push(
        await subscriber.delayOf(
          () => store.append(`prompt-${n}`, [event(`Prompt${n}`)], { expectedRevision: 'no_stream' }),
          `Prompt${n}`,
        ),
      );
    }
    expect(Math.max(...delays)).toBeLessThan(100);
  } finally {
    await subscriber.stop();
  }
}
