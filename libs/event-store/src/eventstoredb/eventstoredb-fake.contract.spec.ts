import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

// The adapter's own logic (reservations, paging, batching, resuming) against an in-memory node that
// behaves as the documented server does. It does not replace the run against a real server in
// eventstoredb.contract.spec.ts; it keeps the adapter honest where no server is available.
describeEventStoreContract('EventStoreDB adapter over an in-memory fake', async () => {
  const server = new FakeEventStoreDb();
  const stores: EventStoreDbEventStore[] = [];
  return {
    async connect() {
      const store = new EventStoreDbEventStore(server.client());
      stores.push(store);
      return store;
    },
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
    },
  };
});
