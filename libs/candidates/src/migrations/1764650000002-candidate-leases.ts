import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each candidate row was saved, and whether its application has been seen to exist: what the
 * sweep of rows left by submits that died before their append needs (see ../orphan-sweep.ts).
 * Rows from before this migration count as saved now and are checked once the lease has passed.
 */
export class CandidateLeases1764650000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      alter table candidates
        add column created_at timestamptz not null default now(),
        add column confirmed boolean not null default false`);
    // Only the rows still to be checked: few at any time, however many candidates there are.
    await runner.query(`create index candidates_unconfirmed on candidates (created_at) where not confirmed`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop index candidates_unconfirmed');
    await runner.query('alter table candidates drop column created_at, drop column confirmed');
  }
}
