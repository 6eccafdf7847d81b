import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA policy in the read model (SPEC §7): every version the projection has seen, so that a
 * restart derives obligations with the same timeline; the re-judging still to do after a version
 * whose effectiveFrom is in the past; on each obligation, the version that judges it; and every
 * wait for an interview to be booked, owed or not under the policy of its day, so that a version
 * turning scheduling on (or a preview of one) finds them without reading application states.
 */
export class SlaPolicyTimeline1764900000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table read_model.sla_policy_versions (
        version integer primary key,
        effective_from timestamptz not null,
        policy jsonb not null,
        changed_at timestamptz not null,
        changed_by text not null
      )`);
    // One row per version still being applied to obligations that had already started; the row
    // goes when every application is done. `after_application` is the cursor (application ids in order).
    await runner.query(`
      create table read_model.sla_rejudging (
        version integer primary key,
        effective_from timestamptz not null,
        after_application uuid
      )`);
    await runner.query(`
      create table read_model.scheduling_waits (
        application_id uuid not null,
        obligation_id text not null,
        job_id uuid not null,
        stage text not null,
        started_at timestamptz not null,
        satisfied_at timestamptz,
        cancelled_at timestamptz,
        primary key (application_id, obligation_id)
      )`);
    await runner.query(`alter table read_model.obligations add column policy_version integer`);
    await runner.query(`alter table read_model.obligations add column target_hours double precision`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table read_model.obligations drop column target_hours`);
    await runner.query(`alter table read_model.obligations drop column policy_version`);
    await runner.query(`drop table read_model.scheduling_waits`);
    await runner.query(`drop table read_model.sla_rejudging`);
    await runner.query(`drop table read_model.sla_policy_versions`);
  }
}
