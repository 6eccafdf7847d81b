import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes shaped by what the dashboards read at 100,000 applications, and no more: each one is
 * written by every batch of the projection and built again by every rebuild.
 *
 * - The breach list reads two small indexes instead of one GiST index of every obligation (most
 *   of them settled on time, with an empty `breached_during`): the open obligations, which are
 *   breached at every instant after they fell due, in the lists' order; and a GiST index of the
 *   ranges of those settled late. The open obligations' index also serves the gauges.
 * - The inbox finds the caller's scorecards and their jobs' decisions in indexes that hold what it
 *   filters on, instead of reading every such row from the table.
 * - The board's totals count the status intervals that are not active in an index of their own.
 * - obligations_by_due holds nothing that obligations_by_due_then_id does not, in the same order
 *   (the summary reads that one now, as fast), and no query reads stage_intervals_during.
 */
export class DashboardIndexes1765100000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await dropIndexes(runner, [
      'obligations_breached',
      'obligations_by_due',
      'obligations_open',
      'obligations_by_interviewer',
      'obligations_by_job',
      'status_intervals_during',
      'stage_intervals_during',
    ]);
    await runner.query(
      `create index obligations_open on read_model.obligations (due_at, application_id, obligation_id)
         include (job_id, stage, kind, interviewer_id, started_at, escalated_at)
         where satisfied_at is null and cancelled_at is null`,
    );
    await runner.query(
      `create index obligations_settled_late on read_model.obligations using gist (breached_during)
         include (due_at, application_id, obligation_id, job_id, stage, kind, interviewer_id, started_at, escalated_at)
         where least(satisfied_at, cancelled_at) > due_at`,
    );
    await runner.query(
      `create index obligations_scorecards_by_interviewer on read_model.obligations (interviewer_id, due_at)
         include (application_id, obligation_id, started_at, satisfied_at, cancelled_at)
         where kind = 'scorecard'`,
    );
    await runner.query(
      `create index obligations_decisions_by_job on read_model.obligations (job_id, due_at)
         include (application_id, obligation_id, started_at, satisfied_at, cancelled_at)
         where kind <> 'scorecard'`,
    );
    await runner.query(
      `create index status_intervals_ended on read_model.status_intervals (status, from_at)
         include (until_at)
         where status <> 'active'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropIndexes(runner, [
      'status_intervals_ended',
      'obligations_decisions_by_job',
      'obligations_scorecards_by_interviewer',
      'obligations_settled_late',
      'obligations_open',
    ]);
    await runner.query(`create index stage_intervals_during on read_model.stage_intervals using gist (during)`);
    await runner.query(`create index status_intervals_during on read_model.status_intervals using gist (during)`);
    await runner.query(`create index obligations_by_job on read_model.obligations (job_id, due_at)`);
    await runner.query(`create index obligations_by_interviewer on read_model.obligations (interviewer_id, due_at)`);
    await runner.query(
      `create index obligations_open on read_model.obligations (kind, stage, due_at)
         where satisfied_at is null and cancelled_at is null`,
    );
    await runner.query(
      `create index obligations_by_due on read_model.obligations (due_at)
         include (kind, stage, job_id, interviewer_id, started_at, satisfied_at, cancelled_at)`,
    );
    await runner.query(
      `create index obligations_breached on read_model.obligations using gist (breached_during)
         include (due_at, application_id, obligation_id, job_id, stage, kind, interviewer_id, interview_id, started_at)`,
    );
  }
}

/** Names from this file, never from input. */
async function dropIndexes(runner: QueryRunner, indexes: string[]): Promise<void> {
  for (const index of indexes) await runner.query(`drop index if exists read_model.${index}`);
}
