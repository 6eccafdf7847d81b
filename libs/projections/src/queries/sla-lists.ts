import type { ObligationKind, Stage } from '@app/hiring';
import type { Sql } from '../database/sql';
import { candidateName, instantText, iso } from './read-values';

/** GET /sla/at-risk looks this far ahead unless told otherwise: a working day's notice, and then some. */
export const DEFAULT_AT_RISK_HOURS = 24;

export interface ObligationFilter {
  jobId?: string;
  stage?: Stage;
  kind?: ObligationKind;
  interviewerId?: string;
}

export interface SlaItem {
  applicationId: string;
  jobId: string;
  candidateName: string | null;
  stage: Stage;
  kind: ObligationKind;
  /** Scorecards only: who owes it. */
  interviewerId?: string;
  startedAt: string;
  dueAt: string;
}

export type BreachItem = SlaItem & { overdueHours: number };
export type AtRiskItem = SlaItem & { dueInHours: number };

interface Row {
  application_id: string;
  job_id: string;
  candidate_name: string | null;
  stage: Stage;
  kind: ObligationKind;
  interviewer_id: string | null;
  started_at: string;
  due_at: string;
}

const SELECT_ITEM = `select o.application_id, o.job_id, ${candidateName('o.application_id')} as candidate_name, o.stage, o.kind,
            o.interviewer_id, ${instantText('o.started_at')} as started_at, ${instantText('o.due_at')} as due_at
       from read_model.obligations o`;

// Parameters $2..$5 in both lists.
const FILTERS = `($2::uuid is null or o.job_id = $2)
        and ($3::text is null or o.stage = $3)
        and ($4::text is null or o.kind = $4)
        and ($5::text is null or o.interviewer_id = $5)`;

const filterParams = (filter: ObligationFilter) => [
  filter.jobId ?? null,
  filter.stage ?? null,
  filter.kind ?? null,
  filter.interviewerId ?? null,
];

/**
 * Breached at `asOf` (SPEC §3): due before it, and neither satisfied nor cancelled at or before it.
 * The generated `breached_during` range is exactly those instants, so any `asOf`, past or future, is
 * one GiST lookup. Most overdue first.
 */
export async function breachesAt(
  sql: Sql,
  asOf: Date,
  filter: ObligationFilter = {},
): Promise<{ asOf: string; items: BreachItem[] }> {
  const rows = await sql.query<Row>(
    `${SELECT_ITEM}
      where o.breached_during @> $1::timestamptz and ${FILTERS}
      order by o.due_at, o.application_id, o.obligation_id`,
    [asOf, ...filterParams(filter)],
  );
  return {
    asOf: iso(asOf),
    items: rows.map((row) => Object.assign(item(row), { overdueHours: hoursFrom(asOf, row.due_at) })),
  };
}

/**
 * At risk at `asOf` within `withinHours` (SPEC §3): open at `asOf` — started, neither satisfied nor
 * cancelled by then — and due in [asOf, asOf + withinHours], both ends included. Soonest first.
 */
export async function atRiskAt(
  sql: Sql,
  asOf: Date,
  withinHours: number = DEFAULT_AT_RISK_HOURS,
  filter: ObligationFilter = {},
): Promise<{ asOf: string; withinHours: number; items: AtRiskItem[] }> {
  // The window's end is computed here, in milliseconds as the domain does, not as an SQL interval.
  const until = new Date(asOf.getTime() + withinHours * 3_600_000);
  const rows = await sql.query<Row>(
    `${SELECT_ITEM}
      where o.due_at between $1::timestamptz and $6::timestamptz
        and o.started_at <= $1::timestamptz
        and (o.satisfied_at is null or o.satisfied_at > $1::timestamptz)
        and (o.cancelled_at is null or o.cancelled_at > $1::timestamptz)
        and ${FILTERS}
      order by o.due_at, o.application_id, o.obligation_id`,
    [asOf, ...filterParams(filter), until],
  );
  return {
    asOf: iso(asOf),
    withinHours,
    items: rows.map((row) => Object.assign(item(row), { dueInHours: -hoursFrom(asOf, row.due_at) })),
  };
}

// Lists run to thousands of items: one object of one shape each. An absent interviewer is an
// undefined key, which JSON leaves out.
function item(row: Row): SlaItem {
  return {
    applicationId: row.application_id,
    jobId: row.job_id,
    candidateName: row.candidate_name,
    stage: row.stage,
    kind: row.kind,
    interviewerId: row.interviewer_id ?? undefined,
    startedAt: row.started_at,
    dueAt: row.due_at,
  };
}

/** Hours from `dueAt` to `asOf` (negative before it is due), to two decimals. */
const hoursFrom = (asOf: Date, dueAt: string): number =>
  Math.round((asOf.getTime() - Date.parse(dueAt)) / 36_000) / 100;
