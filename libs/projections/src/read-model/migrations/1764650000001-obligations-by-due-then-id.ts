import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The at-risk list in pages (SPEC §4 additions): its window [asOf, asOf + withinHours] is a range of
 * due_at at any asOf, now or past, and its order and cursor are (due_at, application_id,
 * obligation_id). This index is that order, and holds every column the list reads and filters on,
 * so the window is one index-only range scan. The breach list keeps its GiST index, which finds
 * what is breached at any instant.
 */
export class ObligationsByDueThenId1764650000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `create index obligations_by_due_then_id on read_model.obligations (due_at, application_id, obligation_id)
         include (started_at, satisfied_at, cancelled_at, job_id, stage, kind, interviewer_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop index read_model.obligations_by_due_then_id');
  }
}
