import type { RecordedEvent } from '@app/event-store';
import {
  type NormalisedPolicy,
  type PolicyTimeline,
  type SlaPolicy,
  type SlaPolicyVersion,
  configuredPolicyVersion,
  parseSlaPolicyEvent,
} from '@app/hiring';
import type { Sql } from '../database/sql';
import { instantText } from '../queries/read-values';

/*
 * The SLA policy timeline as the read model knows it: every `SlaPolicyChanged` the projection has
 * applied, kept in `sla_policy_versions` so that a restart, a standby runner and the re-judging all
 * derive obligations with the versions the tables already reflect.
 */

interface VersionRow {
  version: number;
  effective_from: string;
  policy: NormalisedPolicy;
  changed_at: string;
  changed_by: string;
}

export const policyVersionsOf = (events: readonly RecordedEvent[]): SlaPolicyVersion[] =>
  events.map((event) => parseSlaPolicyEvent(event).data);

export async function loadTimeline(sql: Sql): Promise<SlaPolicyVersion[]> {
  const rows = await sql.query<VersionRow>(
    `select version, ${instantText('effective_from')} as effective_from, policy,
            ${instantText('changed_at')} as changed_at, changed_by
       from sla_policy_versions
      order by version`,
  );
  return rows.map((row) => ({
    version: row.version,
    effectiveFrom: row.effective_from,
    policy: row.policy,
    changedAt: row.changed_at,
    by: row.changed_by,
  }));
}

/** Records the versions; returns those it had not recorded before (a replayed batch brings none). */
export async function recordVersions(sql: Sql, versions: readonly SlaPolicyVersion[]): Promise<SlaPolicyVersion[]> {
  if (versions.length === 0) return [];
  const rows = versions.map((v) => ({
    version: v.version,
    effective_from: v.effectiveFrom,
    policy: v.policy,
    changed_at: v.changedAt,
    changed_by: v.by,
  }));
  const inserted = await sql.query<{ version: number }>(
    `insert into sla_policy_versions (version, effective_from, policy, changed_at, changed_by)
     select version, effective_from, policy, changed_at, changed_by
       from jsonb_to_recordset($1::jsonb)
         as r(version integer, effective_from timestamptz, policy jsonb, changed_at timestamptz, changed_by text)
     on conflict (version) do nothing
     returning version`,
    [JSON.stringify(rows)],
  );
  const fresh = new Set(inserted.map((row) => row.version));
  return versions.filter((v) => fresh.has(v.version));
}

/**
 * What judges obligations: the recorded versions, or, on a log that has none yet (a database the
 * service has not seeded), the configuration as version 1 would have it once seeded.
 */
export const judgingTimeline = (recorded: PolicyTimeline, configured: SlaPolicy): PolicyTimeline =>
  recorded.length > 0 ? recorded : [configuredPolicyVersion(configured)];
