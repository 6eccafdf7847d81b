import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables the dashboards read with index-only scans. */
const TABLES = ['obligations', 'status_intervals', 'board_intervals'];

/**
 * The dashboards read these tables through covering indexes, but an index-only scan still visits
 * the table for every row on a page changed since the last vacuum. By default autovacuum waits for
 * a fifth of a table to change: ~135,000 obligation rows at 100,000 applications, weeks of ordinary
 * traffic, during which the recent pages (those the dashboards read most) are all changed. With a
 * fortnight of them changed, the summary took three times as long (~50 ms against ~17). Vacuuming
 * after every thousand changed or inserted rows keeps the scans within their indexes; each run
 * visits only the pages changed since the one before. A rebuild's shadow tables keep these settings.
 */
export class VacuumOften1765100000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await runner.query(
        `alter table read_model.${table} set (
           autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
           autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 1000)`,
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await runner.query(
        `alter table read_model.${table} reset (
           autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
           autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_insert_threshold)`,
      );
    }
  }
}
