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
