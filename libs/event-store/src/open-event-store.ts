import { EventStoreDbEventStore } from './eventstoredb';
import { EventStore } from './event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { KeyStore, ShreddingEventStore, ShreddingPolicy } from './shredding';

export interface EventStoreSettings {
  kind: 'postgres' | 'eventstoredb';
  /** PostgreSQL: events (with kind postgres) and always the personal-data keys. */
  databaseUrl: string;
  eventStoreConnectionString?: string;
  poolSize: number;
  /** The personal-data keys, on the read-side database. */
  keys: KeyStore;
  personalData: ShreddingPolicy;
}

/** The event store as every process uses it: the configured adapter behind crypto-shredding. */
export async function openEventStore(settings: EventStoreSettings): Promise<EventStore> {
  const inner =
    settings.kind === 'eventstoredb'
      ? new EventStoreDbEventStore(settings.eventStoreConnectionString!)
      : await PostgresEventStore.open({ connectionString: settings.databaseUrl, poolSize: settings.poolSize });
  return new ShreddingEventStore(inner, settings.keys, settings.personalData);
}
