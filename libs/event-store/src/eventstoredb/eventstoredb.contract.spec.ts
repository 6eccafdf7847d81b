import { EventStoreDBClient } from '@eventstore/db-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs against a live server, e.g. EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false'.
// The suite prefixes its streams with a run id, so a server with other data in it is fine.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const stores: EventStoreDbEventStore[] = [];
    return {
      // A client of its own per store, so that concurrent appends really travel separate connections.
      async connect() {
        const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
        stores.push(store);
        return store;
      },
      async dispose() {
        await Promise.all(stores.map((store) => store.close()));
      },
    };
  });
} else {
  const skipped =
    'EventStoreDB contract suite SKIPPED: EVENTSTORE_CONNECTION_STRING is unset, so no live server was tested';
  console.warn(skipped);
  it.skip(skipped, () => undefined);
}
