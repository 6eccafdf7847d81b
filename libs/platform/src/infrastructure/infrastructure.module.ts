import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  EVENT_STORE,
  type EventStore,
  type KeyStore,
  openEventStore,
  PersonalDataKeys1764480000000,
  SqlKeyStore,
} from '@app/event-store';
import { PERSONAL_DATA_POLICY } from '@app/hiring';
import { NOTIFICATION_MIGRATIONS } from '@app/notifications';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from '@app/projections';
import { type Config, CONFIG } from '../config/config';
import { CANDIDATE_MIGRATIONS, CandidateRecord } from '@app/candidates';
import { IdempotencyAnswerHeaders1764480000001 } from '../idempotency/migrations/1764480000001-idempotency-answer-headers';
import { CLOCK, systemClock } from './clock';
import { openReadStore } from './read-store';
import { SlaPolicyTimeline } from '../sla-policy/sla-policy-timeline';

/** Pools sized so that event store and read models together fit under the embedded server's limit. */
export const POOL_SIZE = 8;

/**
 * The notifications' own pool: the webhook service's leader and the reminder timer's each hold one
 * connection for their advisory locks, and the webhooks' short transactions (a fan-out batch,
 * claims, one record per attempt) should not queue behind the API's. With the event store's and the
 * read store's pools and the event store's listener, a process opens at most 2 × 8 + 6 + 1 = 23
 * connections, well under the 40 the embedded server allows.
 */
export const WEBHOOK_POOL_SIZE = 6;

/** A `pg` Pool on the read-side database for libs/notifications (see NotificationsModule). */
export const WEBHOOK_POOL = Symbol('WebhookPool');

/** The personal-data keys behind crypto-shredding (see libs/event-store/src/shredding). */
export const KEY_STORE = Symbol('KeyStore');

@Injectable()
class EventStoreShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_POOL) private readonly webhookPool: Pool,
  ) {}

  // After every beforeApplicationShutdown: the webhook service has stopped using its pool by then.
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.store.close(), this.webhookPool.end()]);
  }
}

/**
 * What every feature needs: configuration, the clock, the event store, the read-model database and
 * the SLA policy timeline (seeded here, once, from the configuration).
 * The database URL is always given: main.ts starts the embedded PostgreSQL before the app when
 * DATABASE_URL is unset, and stops it after the app has closed.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: Config & { databaseUrl: string }) {
    return {
      module: InfrastructureModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres' as const,
            url: config.databaseUrl,
            entities: [CandidateRecord, ...PROJECTION_ENTITIES],
            migrations: [
              ...CANDIDATE_MIGRATIONS,
              PersonalDataKeys1764480000000,
              IdempotencyAnswerHeaders1764480000001,
              ...PROJECTION_MIGRATIONS,
              ...NOTIFICATION_MIGRATIONS,
            ],
            synchronize: false,
            poolSize: POOL_SIZE,
          }),
          dataSourceFactory: (options) => openReadStore(options!),
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        // Tests replace it: Test.createTestingModule(...).overrideProvider(CLOCK).
        { provide: CLOCK, useValue: systemClock },
        {
          provide: KEY_STORE,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): KeyStore =>
            new SqlKeyStore((sql, parameters) => dataSource.query(sql, parameters)),
        },
        {
          provide: EVENT_STORE,
          inject: [KEY_STORE],
          useFactory: (keys: KeyStore): Promise<EventStore> =>
            openEventStore({
              kind: config.eventStore,
              databaseUrl: config.databaseUrl,
              eventStoreConnectionString: config.eventStoreConnectionString,
              poolSize: POOL_SIZE,
              keys,
              personalData: PERSONAL_DATA_POLICY,
            }),
        },
        {
          provide: WEBHOOK_POOL,
          // Created after the read store, whose migrations make the webhook tables.
          inject: [DataSource],
          useFactory: (): Pool => {
            const pool = new Pool({ connectionString: config.databaseUrl, max: WEBHOOK_POOL_SIZE });
            // An idle client that loses its connection must not crash the process.
            pool.on('error', () => undefined);
            return pool;
          },
        },
        EventStoreShutdown,
        // Seeds version 1 of the SLA policy when the log has none, before anything serves or projects.
        SlaPolicyTimeline,
      ],
      exports: [CONFIG, CLOCK, EVENT_STORE, KEY_STORE, WEBHOOK_POOL, SlaPolicyTimeline],
    };
  }
}
