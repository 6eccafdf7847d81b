import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BREACHED_DURING, GENERATED_COLUMNS, ON_BOARD, STAGE_DURING, STATUS_DURING } from '../entities';

/**
 * The hiring read model, in a schema of its own so that a rebuild can fill a copy and swap it in
 * with two renames. Indexes are shaped by the dashboard queries in ../../queries (100,000
 * applications, each query p95 ≤ 50 ms); "as of T" questions are answered by GiST indexes on
 * ranges, which find the intervals containing T without scanning everything that started before it.
 *
 * Range columns are generated from the plain ones, clamped so that a clock that ran backwards can
 * never make a range constructor fail and stall the projection.
 */
export class ReadModel1732500000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`create schema if not exists read_model`);
    await runner.query(`
      create table read_model.projection_checkpoints (
        name text primary key,
        position bigint not null default 0,
        event_recorded_at timestamptz,
        updated_at timestamptz not null default now()
      )`);
    await runner.query(`
      create table read_model.jobs (
        id uuid primary key,
        title text not null,
        department text,
        status text not null,
        opened_at timestamptz not null,
        closed_at timestamptz,
        version integer not null
      )`);
    await runner.query(`
      create table read_model.applications (
        id uuid primary key,
        job_id uuid not null,
        status text not null,
        stage text not null,
        stage_entered_at timestamptz not null,
        submitted_at timestamptz not null,
        interviewer_ids text[] not null default '{}',
        version integer not null,
        position bigint not null
      ) with (fillfactor = 80)`);
    // GET /applications pages newest first by (submitted_at, id): immutable, so cursors stay stable.
    await runner.query(`create index applications_by_submission on read_model.applications (submitted_at, id)`);
    await runner.query(`create index applications_by_job on read_model.applications (job_id, submitted_at, id)`);
    await runner.query(
      `create index applications_by_stage on read_model.applications (stage, status, submitted_at, id)`,
    );
    await runner.query(`create index applications_by_status on read_model.applications (status, submitted_at, id)`);
    await runner.query(
      `create index applications_by_interviewer on read_model.applications using gin (interviewer_ids)`,
    );

    // The projection's memory: each application's folded state, so a batch need not read streams.
    await runner.query(`
      create table read_model.application_states (
        application_id uuid primary key,
        version integer not null,
        position bigint not null,
        state jsonb not null,
        status_log jsonb not null
      )`);

    await runner.query(`
      create table read_model.stage_intervals (
        application_id uuid not null,
        visit integer not null,
        job_id uuid not null,
        stage text not null,
        entered_at timestamptz not null,
        left_at timestamptz,
        during tstzrange not null generated always as (${STAGE_DURING}) stored,
        primary key (application_id, visit)
      )`);
    await runner.query(`create index stage_intervals_during on read_model.stage_intervals using gist (during)`);

    await runner.query(`
      create table read_model.status_intervals (
        application_id uuid not null,
        seq integer not null,
        job_id uuid not null,
        status text not null,
        from_at timestamptz not null,
        until_at timestamptz,
        during tstzrange not null generated always as (${STATUS_DURING}) stored,
        primary key (application_id, seq)
      )`);
    await runner.query(`create index status_intervals_during on read_model.status_intervals using gist (during)`);
    await runner.query(`create index status_intervals_by_job on read_model.status_intervals (job_id)`);

    // The pipeline board: when an application was on it, in which stage — its stays in a stage cut
    // to the times it was active. Its own table (rather than a join of the two above) because
    // PostgreSQL cannot see that few "active" intervals contain a given instant, and would scan both.
    await runner.query(`
      create table read_model.board_intervals (
        application_id uuid not null,
        visit integer not null,
        period integer not null,
        job_id uuid not null,
        stage text not null,
        entered_at timestamptz not null,
        from_at timestamptz not null,
        until_at timestamptz,
        on_board tstzrange not null generated always as (${ON_BOARD}) stored,
        primary key (application_id, visit, period)
      )`);
    await runner.query(`create index board_intervals_on_board on read_model.board_intervals using gist (on_board)`);
    await runner.query(`create index board_intervals_by_job on read_model.board_intervals (job_id)`);

    await runner.query(`
      create table read_model.obligations (
        application_id uuid not null,
        obligation_id text not null,
        job_id uuid not null,
        kind text not null,
        stage text not null,
        interview_id text,
        interviewer_id text,
        started_at timestamptz not null,
        due_at timestamptz not null,
        satisfied_at timestamptz,
        cancelled_at timestamptz,
        -- SPEC §3: breached at T when due_at < T and neither satisfied nor cancelled at or before T,
        -- i.e. T in (due_at, first settlement); empty when settled by the due time.
        breached_during tstzrange not null generated always as (${BREACHED_DURING}) stored,
        primary key (application_id, obligation_id)
      )`);
    // Covering, so the breach list (often thousands of rows) is an index-only scan.
    await runner.query(
      `create index obligations_breached on read_model.obligations using gist (breached_during)
         include (due_at, application_id, obligation_id, job_id, stage, kind, interviewer_id, interview_id, started_at)`,
    );
    await runner.query(
      `create index obligations_by_due on read_model.obligations (due_at)
         include (kind, stage, job_id, interviewer_id, started_at, satisfied_at, cancelled_at)`,
    );
    await runner.query(`create index obligations_by_job on read_model.obligations (job_id, due_at)`);
    await runner.query(`create index obligations_by_interviewer on read_model.obligations (interviewer_id, due_at)`);
    await this.recordGeneratedColumns(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop schema read_model cascade');
  }

  /**
   * TypeORM compares generated columns with what it recorded in its metadata table, not with the
   * catalogue; recording them keeps `migration:generate` from proposing to drop and re-add them.
   * The expressions are the entities' `asExpression`, character for character.
   */
  private async recordGeneratedColumns(runner: QueryRunner): Promise<void> {
    const table = runner.connection.metadataTableName;
    const [{ present }] = await runner.query(`select to_regclass($1) is not null as present`, [table]);
    if (!present) return;
    for (const [tableName, column, expression] of GENERATED_COLUMNS) {
      await runner.query(
        `insert into ${runner.connection.driver.escape(table)} ("database", "schema", "table", "type", "name", "value")
         values (current_database(), 'read_model', $1, 'GENERATED_COLUMN', $2, $3)`,
        [tableName, column, expression],
      );
    }
  }
}
