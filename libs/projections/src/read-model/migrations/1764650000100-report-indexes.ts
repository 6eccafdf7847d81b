import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For the reports and the SLA gauges: stays in a stage that ended in a window (time in stage), and
 * the open obligations alone (a scrape counts them by kind and stage; met ones are the vast
 * majority and never need reading for it).
 */
export class ReportIndexes1764650000100 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `create index board_intervals_by_end on read_model.board_intervals (until_at) include (stage, entered_at, job_id)`,
    );
    await runner.query(
      `create index obligations_open on read_model.obligations (kind, stage, due_at)
         where satisfied_at is null and cancelled_at is null`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop index read_model.obligations_open');
    await runner.query('drop index read_model.board_intervals_by_end');
  }
}
