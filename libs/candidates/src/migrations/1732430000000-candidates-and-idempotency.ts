import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The candidates table, and the idempotency keys of the API beside it: one migration from before the
 * two had rooms of their own, kept whole because a migration that has run is history.
 */
export class CandidatesAndIdempotency1732430000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table candidates (
        application_id uuid primary key,
        job_id uuid not null,
        name text,
        email text,
        phone text,
        reservation_key text not null,
        erased_at timestamptz
      )`);
    await runner.query(`
      create table idempotency_keys (
        actor text not null,
        key text not null,
        request_hash text not null,
        lease uuid not null,
        status_code integer,
        body jsonb,
        locked_until timestamptz not null,
        created_at timestamptz not null default now(),
        completed_at timestamptz,
        primary key (actor, key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop table idempotency_keys');
    await runner.query('drop table candidates');
  }
}
