import { STAGES } from '@app/hiring';
import type { Sql } from '../database/sql';
import { count, iso } from './read-values';

export const SUMMARY_GROUPS = ['stage', 'interviewer', 'job'] as const;
export type SummaryGrouping = (typeof SUMMARY_GROUPS)[number];

export interface SummaryParams {
  from: Date;
  to: Date;
  groupBy: SummaryGrouping;
  jobId?: string;
  /** The instant obligations are judged at: the time of the query. */
  now: Date;
}

export interface SummaryGroup {
  /** A stage, an interviewer id (null: decisions, which no interviewer owes) or a job id. */
  key: string | null;
  due: number;
  metOnTime: number;
  metLate: number;
  breachedOpen: number;
  complianceRate: number | null;
}

export interface SlaSummary {
  from: string;
  to: string;
  groupBy: SummaryGrouping;
  asOf: string;
  groups: SummaryGroup[];
}

// The grouping column, chosen from a fixed list: never text from the request. Rows are grouped by the
// column itself and only the groups' keys turned into text: casting every job id first took longer
// than counting.
const KEY_COLUMN: Record<SummaryGrouping, string> = {
  stage: 'stage',
  interviewer: 'interviewer_id',
  job: 'job_id',
};

/**
 * Obligations falling due in [from, to), judged at `now` as the domain's outcome() would: met on
 * time or late once satisfied, breached while open past due; open and not yet due, or cancelled
 * (a withdrawal), counts nowhere. `due` is what counted: metOnTime + metLate + breachedOpen, and
 * complianceRate = metOnTime / due, null when nothing counted. A group appears when any obligation
 * falls due in the window, even if none counted yet.
 */
export async function slaSummary(sql: Sql, params: SummaryParams): Promise<SlaSummary> {
  return summaryOver(sql, 'read_model.obligations', [], params);
}

/** Obligations as the preview recomputes them, one array per column, index by index. */
export interface ObligationColumns {
  stage: string[];
  interviewerId: (string | null)[];
  jobId: string[];
  dueAt: string[];
  satisfiedAt: (string | null)[];
  cancelledAt: (string | null)[];
}

/**
 * The same summary over obligations that are not the read model's rows: the SQL of slaSummary runs
 * over them unchanged, so there is one definition of what counts and how.
 */
export function slaSummaryOf(sql: Sql, obligations: ObligationColumns, params: SummaryParams): Promise<SlaSummary> {
  const relation = `unnest($5::text[], $6::text[], $7::uuid[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[])
         as obligations(stage, interviewer_id, job_id, due_at, satisfied_at, cancelled_at)`;
  const o = obligations;
  return summaryOver(sql, relation, [o.stage, o.interviewerId, o.jobId, o.dueAt, o.satisfiedAt, o.cancelledAt], params);
}

/** `relation` is one of the two above, never text from a request; its own parameters start at $5. */
async function summaryOver(
  sql: Sql,
  relation: string,
  relationParams: unknown[],
  params: SummaryParams,
): Promise<SlaSummary> {
  const rows = await sql.query<{ key: string | null; met_on_time: string; met_late: string; breached_open: string }>(
    `select ${KEY_COLUMN[params.groupBy]}::text as key,
            count(*) filter (where satisfied_at <= $3 and satisfied_at <= due_at) as met_on_time,
            count(*) filter (where satisfied_at <= $3 and satisfied_at > due_at) as met_late,
            count(*) filter (where (satisfied_at is null or satisfied_at > $3)
                               and (cancelled_at is null or cancelled_at > $3)
                               and due_at < $3) as breached_open
       from ${relation}
      where due_at >= $1 and due_at < $2 and ($4::uuid is null or job_id = $4)
      group by ${KEY_COLUMN[params.groupBy]}`,
    [params.from, params.to, params.now, params.jobId ?? null, ...relationParams],
  );
  const groups = rows.map((row): SummaryGroup => {
    const metOnTime = count(row.met_on_time);
    const metLate = count(row.met_late);
    const breachedOpen = count(row.breached_open);
    const due = metOnTime + metLate + breachedOpen;
    return { key: row.key, due, metOnTime, metLate, breachedOpen, complianceRate: due === 0 ? null : metOnTime / due };
  });
  return {
    from: iso(params.from),
    to: iso(params.to),
    groupBy: params.groupBy,
    asOf: iso(params.now),
    groups: groups.sort(params.groupBy === 'stage' ? byStage : byKey),
  };
}

const stagePlace = (key: string | null) => (STAGES as readonly (string | null)[]).indexOf(key);
const byStage = (a: SummaryGroup, b: SummaryGroup) => stagePlace(a.key) - stagePlace(b.key);

/** Alphabetical, decisions (no interviewer) last. */
const byKey = (a: SummaryGroup, b: SummaryGroup) =>
  a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;

export const isSummaryGrouping = (value: unknown): value is SummaryGrouping =>
  typeof value === 'string' && (SUMMARY_GROUPS as readonly string[]).includes(value);
