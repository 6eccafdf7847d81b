import {
  EPOCH,
  type Instant,
  type NoticeRecord,
  type Obligation,
  type ObligationKind,
  type PolicyTimeline,
  type SlaPolicy,
  type SlaPolicyVersion,
  type Stage,
  judgingVersion,
} from '@app/hiring';
import type { Sql } from '../database/sql';
import { nameKey } from '../runner/locks';
import { instantText } from '../queries/read-values';
import { writeObligations } from './application-writes';
import { type Judgment, judge } from './judgment';
import { type ObligationRow, type ReminderEntry, type SchedulingWaitRow, noticeColumns } from './obligation-rows';
import { judgingTimeline, loadTimeline } from './policy-timeline';

/*
 * Re-judging (SPEC §7): a version whose effectiveFrom is in the past applies to obligations that had
 * already started since then. Recording the version queues the work (a row in `sla_rejudging`);
 * steps then judge again the obligations and waits of a few hundred applications at a time, from
 * their rows (which carry kind, stage and start: all a judgment depends on), each step a short
 * transaction of its own, so the API and the projection keep going in between. A version effective in the future finds nothing started since, and is done at once:
 * obligations starting after it are derived with it anyway.
 */

const REJUDGE_CLASS = 7261850;

/**
 * Taken exclusively by every projection batch and every re-judging step, so the two never
 * interleave: a step reads and writes rows that a batch could otherwise change under it.
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
 * the obligations and waits started at or after its effectiveFrom of the next `limit` applications
 * that have any are judged again with the timeline as it stands now. Returns false when nothing is
 * left to do.
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
  // Rows carry all a judgment depends on (kind, stage, start) and the notices recorded about them,
  // from which the next point follows: no state needs reading.
  const owed = await sql.query<JudgedRow>(
    `select application_id, obligation_id, kind, stage, ${instantText('started_at')} as started_at,
            ${instantText('satisfied_at')} as satisfied_at, ${instantText('cancelled_at')} as cancelled_at,
            reminders, ${instantText('escalated_at')} as escalated_at, escalation_recipients
       from obligations
      where application_id = any($1::uuid[]) and kind <> 'scheduling' and started_at >= $2`,
    [applicationIds, job.effective_from],
  );
  await writeJudgments(
    sql,
    owed.flatMap((row) => {
      const judgment = judge(timeline, row.kind, row.stage, row.started_at);
      if (judgment === null) return [];
      const obligation = judgedObligation(row, judgment);
      const { next_notice_at } = noticeColumns(obligation, judgingVersion(timeline, obligation), {
        reminders: row.reminders,
        escalatedAt: row.escalated_at,
        escalationRecipients: row.escalation_recipients,
      });
      return [{ ...row, judgment, nextNoticeAt: next_notice_at }];
    }),
  );
  // A wait that was no obligation has no row to keep its notices: they come from the application's
  // record (the few waits of this step's applications, and scheduling is off by default).
  const waits = await sql.query<WaitRow & { notices: NoticeRecord | null }>(
    `select w.application_id, w.obligation_id, w.job_id, w.stage, ${instantText('w.started_at')} as started_at,
            ${instantText('w.satisfied_at')} as satisfied_at, ${instantText('w.cancelled_at')} as cancelled_at,
            s.notices -> w.obligation_id as notices
       from scheduling_waits w
       left join application_states s on s.application_id = w.application_id
      where w.application_id = any($1::uuid[]) and w.started_at >= $2`,
    [applicationIds, job.effective_from],
  );
  await writeSchedulingJudgments(sql, timeline, waits);
  await sql.query(`update sla_rejudging set after_application = $2 where version = $1`, [
    job.version,
    ids[ids.length - 1].application_id,
  ]);
  return true;
}

interface JudgedRow {
  application_id: string;
  obligation_id: string;
  kind: ObligationKind;
  stage: Stage;
  started_at: Instant;
  satisfied_at: Instant | null;
  cancelled_at: Instant | null;
  reminders: ReminderEntry[];
  escalated_at: Instant | null;
  escalation_recipients: string[];
}

/** The obligation a row stands for, judged anew: what reminderSchedule needs of it. */
const judgedObligation = (
  row: Pick<JudgedRow, 'obligation_id' | 'kind' | 'stage' | 'started_at' | 'satisfied_at' | 'cancelled_at'>,
  judgment: Judgment,
): Obligation => ({
  id: row.obligation_id,
  kind: row.kind,
  stage: row.stage,
  startedAt: row.started_at,
  dueAt: judgment.dueAt,
  targetHours: judgment.targetHours,
  policyVersion: judgment.policyVersion,
  ...(row.satisfied_at === null ? {} : { satisfiedAt: row.satisfied_at }),
  ...(row.cancelled_at === null ? {} : { cancelledAt: row.cancelled_at }),
});

/**
 * Decisions and scorecards are owed whatever the policy, and their facts (start, satisfaction,
 * cancellation, notices recorded) are the record's, written by the runner with them: only the
 * judgment moves, and the next reminder point with it. One update of four columns from arrays,
 * which leaves alone a row the version does not change.
 */
async function writeJudgments(
  sql: Sql,
  rows: ReadonlyArray<JudgedRow & { judgment: Judgment; nextNoticeAt: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `update obligations o
        set due_at = r.due_at, policy_version = r.policy_version, target_hours = r.target_hours,
            next_notice_at = r.next_notice_at
       from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::integer[], $5::double precision[], $6::timestamptz[])
         as r(application_id, obligation_id, due_at, policy_version, target_hours, next_notice_at)
      where o.application_id = r.application_id and o.obligation_id = r.obligation_id
        and (o.due_at, o.policy_version, o.target_hours, o.next_notice_at)
            is distinct from (r.due_at, r.policy_version, r.target_hours, r.next_notice_at)`,
    [
      rows.map((row) => row.application_id),
      rows.map((row) => row.obligation_id),
      rows.map((row) => row.judgment.dueAt),
      rows.map((row) => row.judgment.policyVersion),
      rows.map((row) => row.judgment.targetHours),
      rows.map((row) => row.nextNoticeAt),
    ],
  );
}

/** A wait is an obligation while its version has a scheduling target in its stage, and only then. */
async function writeSchedulingJudgments(
  sql: Sql,
  timeline: PolicyTimeline,
  waits: ReadonlyArray<WaitRow & { notices: NoticeRecord | null }>,
): Promise<void> {
  const owed: ObligationRow[] = [];
  const notOwed: WaitRow[] = [];
  for (const { notices, ...wait } of waits) {
    const judgment = judge(timeline, 'scheduling', wait.stage, wait.started_at);
    if (judgment === null) {
      notOwed.push(wait);
      continue;
    }
    const obligation = judgedObligation({ ...wait, kind: 'scheduling' }, judgment);
    owed.push({
      ...wait,
      kind: 'scheduling',
      interview_id: null,
      interviewer_id: null,
      due_at: judgment.dueAt,
      policy_version: judgment.policyVersion,
      target_hours: judgment.targetHours,
      ...noticeColumns(obligation, judgingVersion(timeline, obligation), notices ?? NO_NOTICES),
    });
  }
  if (notOwed.length > 0) {
    await sql.query(
      `delete from obligations
        where (application_id, obligation_id) in (select * from unnest($1::uuid[], $2::text[]))`,
      [notOwed.map((wait) => wait.application_id), notOwed.map((wait) => wait.obligation_id)],
    );
  }
  await writeObligations(sql, owed);
}

type WaitRow = Omit<SchedulingWaitRow, 'stage' | 'started_at' | 'satisfied_at' | 'cancelled_at'> & {
  stage: Stage;
  started_at: Instant;
  satisfied_at: Instant | null;
  cancelled_at: Instant | null;
};

const NO_NOTICES: NoticeRecord = { reminders: [], escalatedAt: null, escalationRecipients: [] };
