import { DataSource, type DataSourceOptions } from 'typeorm';

const MIGRATION_LOCK = 7261832;

/**
 * Opens the read-side database and brings its schema up to date. TypeORM's own `migrationsRun`
 * takes no lock, so an API and a projector starting together could both try to create a table;
 * here one process migrates while the others wait, and nobody gets the DataSource before that.
 */
export async function openReadStore(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await runner.release();
    await dataSource.destroy();
    throw error;
  }
  await runner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  await runner.release();
  return dataSource;
}
