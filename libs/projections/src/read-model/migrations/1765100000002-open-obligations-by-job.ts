import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open obligations of one job, in the lists' order. A recruiter's breach list names its job;
 * through obligations_open alone it read every open obligation of every job to count and page the
 * few of its own (12,288 index entries for a job's 100, 9 ms against 1.5). Open obligations are
 * few, so the index is small, and the lists without a job keep reading obligations_open.
 */
export class OpenObligationsByJob1765100000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `create index obligations_open_by_job on read_model.obligations (job_id, due_at, application_id, obligation_id)
         include (stage, kind, interviewer_id, started_at, escalated_at)
         where satisfied_at is null and cancelled_at is null`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop index if exists read_model.obligations_open_by_job');
  }
}
