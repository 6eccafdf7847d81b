import { EPOCH, type SlaPolicy, type SlaPolicyVersion } from '@app/hiring';
import type { Sql } from '../database/sql';
import { nameKey } from '../runner/locks';
import { loadRecords, writeObligations } from './application-writes';
import { obligationRows } from './obligation-rows';
import { judgingTimeline, loadTimeline } from './policy-timeline';

/*
 * Re-judging (SPEC §7): a version whose effectiveFrom is in the past applies to obligations that had
 * already started since then. Recording the version queues the work (a row in `sla_rejudging`);
 * steps then recompute the obligation rows of a few hundred applications at a time from their
 * stored states, each step a short transaction of its own, so the API and the projection keep going
 * in between. A version effective in the future finds nothing started since, and is done at once:
 * obligations starting after it are derived with it anyway.
 */

const REJUDGE_CLASS = 7261850;

/**
 * Taken exclusively by every projection batch and every re-judging step, so the two never
 * interleave: a step reads states and writes rows that a batch could otherwise change under it.
 */
export const rejudgeLock = (projection: string): [number, number] => [REJUDGE_CLASS, nameKey(projection)];

/** Applications re-judged per step (one transaction). */
export const REJUDGE_STEP = 500;

export interface PendingRejudging {
  version: number;
  effectiveFrom: string;
  /** Applications up to this id (in uuid order) are done. */
  afterApplication: string | null;
}

/**
 * Queues the re-judging of what `versions` apply to. `first` says they are the first versions the
 * read model records: until then the configuration judged everything, and from now on the timeline
 * does, so everything is re-judged, whatever their effectiveFrom.
 */
export async function scheduleRejudging(
  sql: Sql,
  versions: readonly SlaPolicyVersion[],
  first: boolean,
): Promise<void> {
  for (const { version, effectiveFrom: from } of versions) {
    const effectiveFrom = first ? EPOCH : from;
    // Work queued for a later (or the same) effectiveFrom covers a subset of this version's
    // obligations, and every step judges by the latest timeline: this version's work replaces it.
    await sql.query(`delete from sla_rejudging where effective_from >= $1`, [effectiveFrom]);
    await sql.query(
      `insert into sla_rejudging (version, effective_from) values ($1, $2) on conflict (version) do nothing`,
      [version, effectiveFrom],
    );
  }
}

export async function pendingRejudging(sql: Sql): Promise<PendingRejudging[]> {
  const rows = await sql.query<{ version: number; effective_from: Date; after_application: string | null }>(
    `select version, effective_from, after_application from sla_rejudging order by version`,
  );
  return rows.map((row) => ({
    version: row.version,
    effectiveFrom: row.effective_from.toISOString(),
    afterApplication: row.after_application,
  }));
}

/**
 * One step of the oldest queued version, inside the caller's transaction (which holds rejudgeLock):
 * the next `limit` applications with an obligation (or a wait for an interview) started at or
 * after its effectiveFrom get their obligation rows derived again with the timeline as it stands
 * now. Returns false when nothing is left to do.
 */
export async function rejudgeStep(sql: Sql, configured: SlaPolicy, limit = REJUDGE_STEP): Promise<boolean> {
  const [job] = await sql.query<{ version: number; effective_from: Date; after_application: string | null }>(
    `select version, effective_from, after_application from sla_rejudging order by version limit 1 for update`,
  );
  if (!job) return false;
  // Every obligation has a row, and every wait for an interview a row too, owed or not under the
  // policy of its day: these are all the applications the version can change. Each branch gives
  // the first `limit` distinct applications after the cursor, so their union's first are the first.
  const ids = await sql.query<{ application_id: string }>(
    `select application_id from (
       (select distinct application_id from obligations
         where started_at >= $1 and ($2::uuid is null or application_id > $2::uuid)
         order by application_id limit $3)
       union
       (select distinct application_id from scheduling_waits
         where started_at >= $1 and ($2::uuid is null or application_id > $2::uuid)
         order by application_id limit $3)
     ) candidates
     order by application_id
     limit $3`,
    [job.effective_from, job.after_application, limit],
  );
  if (ids.length === 0) {
    await sql.query(`delete from sla_rejudging where version = $1`, [job.version]);
    return (await sql.query(`select 1 from sla_rejudging limit 1`)).length > 0;
  }
  const timeline = judgingTimeline(await loadTimeline(sql), configured);
  const applicationIds = ids.map((row) => row.application_id);
  const records = await loadRecords(sql, applicationIds);
  const rows = [...records.values()].flatMap((record) => obligationRows(record, timeline));
  // A version that turns scheduling off in a stage makes its waits there owe nothing any more.
  await sql.query(
    `delete from obligations o
      where o.application_id = any($1::uuid[]) and o.kind = 'scheduling'
        and (o.application_id, o.obligation_id) not in (select * from unnest($2::uuid[], $3::text[]))`,
    [applicationIds, rows.map((row) => row.application_id), rows.map((row) => row.obligation_id)],
  );
  await writeObligations(sql, rows);
  await sql.query(`update sla_rejudging set after_application = $2 where version = $1`, [
    job.version,
    ids[ids.length - 1].application_id,
  ]);
  return true;
}
