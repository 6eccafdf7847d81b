import {
  DEFAULT_POLICY_VERSION,
  type NormalisedPolicy,
  OBLIGATION_KINDS,
  type ObligationKind,
  type PolicyTimeline,
  STAGES,
  type Stage,
  dueAfter,
  targetHours,
} from '@app/hiring';
import { judge } from '../read-model/judgment';
import type { Sql } from '../database/sql';
import { instantText } from './read-values';
import { type ObligationColumns, type SlaSummary, type SummaryParams, slaSummaryOf } from './sla-summary';

interface Row {
  kind: ObligationKind;
  stage: Stage;
  interviewer_id: string | null;
  job_id: string;
  started_at: string;
  satisfied_at: string | null;
  cancelled_at: string | null;
}

const HOUR = 3_600_000;
/** Beyond this, looking for the earliest start that could fall due in the window is not worth it. */
const LONGEST_LOOKBACK = 20 * 365 * 24 * HOUR;

/**
 * POST /sla/policy/preview (SPEC §7): what slaSummary would answer for the same window had `policy`
 * always been in force, changing nothing. Every obligation of the read model (and every wait for an
 * interview, owed or not under the policy of its day: see obligation-rows.ts) is judged again from
 * its row as re-judging does (judgment.ts), with the proposal as the only version; a kind the
 * proposal turns off in a stage is not owed there. Those falling due in [from, to) are then counted by
 * slaSummary's own statement.
 */
export async function previewSlaSummary(
  sql: Sql,
  policy: NormalisedPolicy,
  params: SummaryParams,
): Promise<SlaSummary> {
  // Due times only grow with the start and the target, so obligations started before the earliest
  // start that the longest target carries into the window cannot fall due in it.
  const earliest = earliestStartDueBy(params.from, longestTarget(policy), policy);
  const times = `${instantText('started_at')} as started_at, ${instantText('satisfied_at')} as satisfied_at,
            ${instantText('cancelled_at')} as cancelled_at`;
  // Scheduling comes from the waits, which are there whether or not today's policy owes them.
  const rows = await sql.query<Row>(
    `select kind, stage, interviewer_id, job_id, ${times}
       from read_model.obligations
      where kind <> 'scheduling' and started_at >= $1 and started_at < $2 and ($3::uuid is null or job_id = $3)
     union all
     select 'scheduling', stage, null, job_id, ${times}
       from read_model.scheduling_waits
      where started_at >= $1 and started_at < $2 and ($3::uuid is null or job_id = $3)`,
    [earliest, params.to, params.jobId ?? null],
  );
  const from = params.from.getTime();
  const to = params.to.getTime();
  const columns: ObligationColumns = {
    stage: [],
    interviewerId: [],
    jobId: [],
    dueAt: [],
    satisfiedAt: [],
    cancelledAt: [],
  };
  const always: PolicyTimeline = [{ ...DEFAULT_POLICY_VERSION, policy }];
  for (const row of rows) {
    const judgment = judge(always, row.kind, row.stage, row.started_at);
    if (judgment === null) continue;
    const { dueAt } = judgment;
    const due = Date.parse(dueAt);
    if (due < from || due >= to) continue;
    columns.stage.push(row.stage);
    columns.interviewerId.push(row.interviewer_id);
    columns.jobId.push(row.job_id);
    columns.dueAt.push(dueAt);
    columns.satisfiedAt.push(row.satisfied_at);
    columns.cancelledAt.push(row.cancelled_at);
  }
  return slaSummaryOf(sql, columns, params);
}

function longestTarget(policy: NormalisedPolicy): number {
  const targets = OBLIGATION_KINDS.flatMap((kind) => STAGES.map((stage) => targetHours(policy, kind, stage) ?? 0));
  return Math.max(...targets);
}

/** The earliest start, to within a factor of two of its distance from `from`, that can fall due at or after it. */
function earliestStartDueBy(from: Date, hours: number, policy: NormalisedPolicy): Date {
  for (let lookback = Math.max(hours, 1) * HOUR; lookback < LONGEST_LOOKBACK; lookback *= 2) {
    const start = new Date(from.getTime() - lookback);
    if (Date.parse(dueAfter(start.toISOString(), hours, policy)) < from.getTime()) return start;
  }
  return new Date(0);
}
