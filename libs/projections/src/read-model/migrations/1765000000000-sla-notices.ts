import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queues the re-judging of every obligation by the latest version, from the beginning of time: what
 * fills in the next notice of rows written before there was one. Nothing to queue without a version.
 */
export const QUEUE_NOTICE_BACKFILL = `
  insert into read_model.sla_rejudging (version, effective_from)
  select max(version), '1970-01-01T00:00:00Z' from read_model.sla_policy_versions having count(*) > 0
  on conflict (version) do update set effective_from = excluded.effective_from, after_application = null`;

/**
 * Reminders and escalations in the read model (SPEC §6). Each application's record keeps the
 * notices recorded about it (the `sla-notices-<id>` stream, with its own revision); each obligation
 * row shows them and says when its next one falls due, which is the reminder timer's whole query:
 * a partial index holds exactly the open obligations that still have a point ahead.
 *
 * Rows written before this migration have no next point yet. Their obligations are queued for
 * re-judging from the beginning of time, which writes it (and changes nothing else: the policy is
 * the same); a read model without any policy version gets it when its first version arrives.
 */
export class SlaNotices1765000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      alter table read_model.application_states
        add column notices jsonb not null default '{}',
        add column notices_version integer not null default -1`);
    await runner.query(`
      alter table read_model.obligations
        add column reminders jsonb not null default '[]',
        add column escalated_at timestamptz,
        add column escalation_recipients text[] not null default '{}',
        add column next_notice_at timestamptz`);
    await runner.query(
      `create index obligations_next_notice on read_model.obligations (next_notice_at)
         include (application_id, obligation_id)
         where next_notice_at is not null and satisfied_at is null and cancelled_at is null`,
    );
    // The inbox of someone a breach was escalated to who owns nothing: few rows, found by person.
    await runner.query(
      `create index obligations_escalated_to on read_model.obligations using gin (escalation_recipients)
         where escalated_at is not null`,
    );
    await runner.query(QUEUE_NOTICE_BACKFILL);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('drop index read_model.obligations_escalated_to');
    await runner.query('drop index read_model.obligations_next_notice');
    await runner.query(`
      alter table read_model.obligations
        drop column next_notice_at, drop column escalation_recipients, drop column escalated_at, drop column reminders`);
    await runner.query(`
      alter table read_model.application_states drop column notices_version, drop column notices`);
  }
}
