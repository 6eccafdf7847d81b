import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
// PROJECTIONS-IMPORT
import { CandidateRecord } from '../candidates/candidate.entity';
import { type Config, CONFIG } from '../config/config';
import { CandidatesAndIdempotency1732430000000 } from '../database/migrations/1732430000000-candidates-and-idempotency';
import { type Clock, CLOCK } from './clock';
import { DeciderWriter } from './decider-writer';
import { openReadStore } from './read-store';

/** Pools sized so that event store and read models together fit under the embedded server's limit. */
export const POOL_SIZE = 8;

@Injectable()
class EventStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * What every feature needs: configuration, the clock, the event store and the read-model database.
 * The database URL is always given: main.ts starts the embedded PostgreSQL before the app when
 * DATABASE_URL is unset, and stops it after the app has closed.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: Config & { databaseUrl: string }, clock: Clock) {
    return {
      module: InfrastructureModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres' as const,
            url: config.databaseUrl,
            entities: [CandidateRecord /* PE */],
            migrations: [CandidatesAndIdempotency1732430000000 /* PM */],
            synchronize: false,
            poolSize: POOL_SIZE,
          }),
          dataSourceFactory: (options) => openReadStore(options!),
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: EVENT_STORE,
          useFactory: async (): Promise<EventStore> =>
            config.eventStore === 'eventstoredb'
              ? new EventStoreDbEventStore(config.eventStoreConnectionString!)
              : PostgresEventStore.open({ connectionString: config.databaseUrl, poolSize: POOL_SIZE }),
        },
        EventStoreShutdown,
        DeciderWriter,
      ],
      exports: [CONFIG, CLOCK, EVENT_STORE, DeciderWriter],
    };
  }
}
