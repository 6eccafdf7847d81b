import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '@app/hiring';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { DataSource } from 'typeorm';
// The API owns the personal-data table the dashboards join; its real migration creates it here too.
import { CandidatesAndIdempotency1732430000000 } from '@app/candidates';
import { type Sql, sqlOf } from '../database/sql';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from '../index';
import { HiringProjection } from '../read-model/hiring-projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../runner/projection-runner';
import { HiringWriter } from './hiring-writer';

/** A database of its own with the event store, the migrated read model, and a writer for events. */
export interface ReadModelFixture {
  url: string;
  store: PostgresEventStore;
  dataSource: DataSource;
  sql: Sql;
  writer: HiringWriter;
  projection: HiringProjection;
  runner(options?: ProjectionRunnerOptions): ProjectionRunner;
  /** Runs a runner until everything appended so far is projected, then stops it. */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

export async function openReadModelFixture(policy: SlaPolicy = DEFAULT_SLA_POLICY): Promise<ReadModelFixture> {
  const database: TestDatabase = await createTestDatabase();
  const store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 });
  const dataSource = await openDataSource(database.url);
  const sql = sqlOf(dataSource);
  const projection = new HiringProjection(policy);
  const runners: ProjectionRunner[] = [];
  const runner = (options: ProjectionRunnerOptions = {}) => {
    const created = new ProjectionRunner(dataSource, store, projection, { batchSize: 100, ...options });
    runners.push(created);
    return created;
  };
  return {
    url: database.url,
    store,
    dataSource,
    sql,
    writer: new HiringWriter(store, sql),
    projection,
    runner,
    async catchUp() {
      const head = await store.headPosition();
      const once = runner();
      once.start();
      const reached = await once.waitForPosition(head, 20_000);
      await once.stop();
      if (!reached)
        throw new Error(`projection did not reach ${head} (at ${once.position}, ${once.lastError ?? 'no error'})`);
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      await dataSource.destroy();
      await store.close();
      await database.drop();
    },
  };
}

export async function openDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: PROJECTION_ENTITIES,
    migrations: [CandidatesAndIdempotency1732430000000, ...PROJECTION_MIGRATIONS],
    synchronize: false,
    poolSize: 8,
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}
