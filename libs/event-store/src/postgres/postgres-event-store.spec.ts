import { Client } from 'pg';
import { createTestDatabase } from '@test/support/database';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStore } from '../event-store';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract(process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite', async () => {
  const database = await createTestDatabase();
  const stores: EventStore[] = [];
  return {
    async connect() {
      // The first store listens and serves the subscriber; the others are plain writers.
      const store = await PostgresEventStore.open({
        connectionString: database.url,
        poolSize: 2,
        listen: stores.length === 0,
      });
      stores.push(store);
      return store;
    },
    async dispose() {
      await Promise.all(stores.map((s) => s.close()));
      await database.drop();
    },
  };
});

// PGlite runs one transaction at a time, so an append can never be in flight beside another there.
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

describe('PostgreSQL global order', () => {
  onRealPostgres(
    'holds a subscriber back until an append still in flight commits, then delivers both in order',
    async () => {
      const database = await createTestDatabase();
      const store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 });
      const slow = new Client({ connectionString: database.url });
      await slow.connect();
      try {
        await slow.query('begin');
        await slow.query(
          `select event_store.append('slow', -1, '{Slow}', '{1}', array['{}'::jsonb], array['{}'::jsonb], '{}', '{}')`,
        );
        // Takes a higher position than the open transaction and commits first.
        await store.append('fast', [{ type: 'Fast', schemaVersion: 1, data: {} }], { expectedRevision: 'no_stream' });

        expect(await store.readAll({ after: null, maxCount: 10 })).toEqual([]);

        await slow.query('commit');
        // Other transactions on the server (parallel test files) may hold the horizon back a
        // moment longer: wait as a subscriber would.
        const controller = new AbortController();
        const seen: string[] = [];
        for await (const batch of store.subscribe({ after: null, signal: controller.signal })) {
          seen.push(...batch.map((e) => e.type));
          if (seen.length >= 2) controller.abort();
        }
        expect(seen).toEqual(['Slow', 'Fast']);
      } finally {
        await slow.end();
        await store.close();
        await database.drop();
      }
    },
  );

  it('refuses an append that is not the first write of its transaction, which would break the order', async () => {
    const database = await createTestDatabase();
    const store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 2 });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(
        `select event_store.append('first', -1, '{A}', '{1}', array['{}'::jsonb], array['{}'::jsonb], '{}', '{}')`,
      );
      await expect(
        client.query(
          `select event_store.append('second', -1, '{B}', '{1}', array['{}'::jsonb], array['{}'::jsonb], '{}', '{}')`,
        ),
      ).rejects.toMatchObject({ code: 'ES003' });
      await client.query('rollback');
    } finally {
      await client.end();
      await store.close();
      await database.drop();
    }
  });
});
