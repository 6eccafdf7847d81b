import type { ObligationKind, Stage } from '@app/hiring';
import type { Sql } from '../database/sql';
import type { ReminderEntry } from '../read-model/obligation-rows';
import { candidateName, decisionOwners, instantText, iso, owners } from './read-values';

/** How many items GET /me/obligations answers at most (an inbox is read by a person). */
export const INBOX_PAGE = { default: 100, max: 1000 } as const;

export const INBOX_STATUSES = ['open', 'all'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export interface InboxParams {
  /** The caller: the JWT subject. */
  userId: string;
  asOf: Date;
  /** `open`: open at asOf; `all`: also those already met or cancelled by then. */
  status: InboxStatus;
  limit: number;
}

export interface InboxItem {
  applicationId: string;
  obligationId: string;
  jobId: string;
  candidateName: string | null;
  stage: Stage;
  kind: ObligationKind;
  interviewId?: string;
  interviewerId?: string;
  startedAt: string;
  dueAt: string;
  /** Hours from asOf to dueAt, to two decimals: negative once breached. */
  dueInHours: number;
  satisfiedAt: string | null;
  cancelledAt: string | null;
  owners: string[];
  escalated: boolean;
  escalatedAt: string | null;
  reminders: ReminderEntry[];
}

export interface Inbox {
  asOf: string;
  status: InboxStatus;
  /** Every item that matches, of which the first `limit` are listed. */
  total: number;
  items: InboxItem[];
}

interface Row {
  total: string;
  application_id: string | null;
  obligation_id: string;
  job_id: string;
  candidate_name: string | null;
  stage: Stage;
  kind: ObligationKind;
  interview_id: string | null;
  interviewer_id: string | null;
  started_at: string;
  due_at: string;
  satisfied_at: string | null;
  cancelled_at: string | null;
  owners: string[];
  escalated_at: string | null;
  reminders: ReminderEntry[];
}

/*
 * SPEC §6's inbox: what the caller owns — their scorecards; the decisions and bookings of the jobs
 * whose recruiters they are, or whose hiring managers when there is no recruiter — and what was
 * escalated to them. Three arms, each an index of its own (by interviewer, by job, by escalation
 * recipient), which the planner ORs together. Open at asOf first, most urgent first; then, with
 * status=all, what was settled by then, the latest due first. Parameters: $1 the user, $2 asOf,
 * $3 whether settled ones count, $4 the page size.
 */
export const INBOX_SQL = `
  with matching as (
    select o.*,
           coalesce(o.satisfied_at <= $2, false) or coalesce(o.cancelled_at <= $2, false) as settled
      from read_model.obligations o
     where o.started_at <= $2
       and ($3::boolean
            or ((o.satisfied_at is null or o.satisfied_at > $2) and (o.cancelled_at is null or o.cancelled_at > $2)))
       and ((o.kind = 'scorecard' and o.interviewer_id = $1)
            or (o.kind <> 'scorecard' and o.job_id = any(array(
                  select j.id from read_model.jobs j
                   where $1 = any(${decisionOwners('j')}))))
            or (o.escalated_at is not null and o.escalation_recipients @> array[$1]::text[]))
  )
  select counted.total, page.*
    from (select count(*) as total from matching) counted
    left join lateral (
      select m.application_id, m.obligation_id, m.job_id, ${candidateName('m.application_id')} as candidate_name,
             m.stage, m.kind, m.interview_id, m.interviewer_id,
             ${instantText('m.started_at')} as started_at, ${instantText('m.due_at')} as due_at,
             ${instantText('m.satisfied_at')} as satisfied_at, ${instantText('m.cancelled_at')} as cancelled_at,
             ${owners('m')} as owners, ${instantText('m.escalated_at')} as escalated_at, m.reminders
        from matching m
       order by m.settled, case when not m.settled then m.due_at end, m.due_at desc, m.application_id, m.obligation_id
       limit $4
    ) page on true`;

export async function inboxOf(sql: Sql, params: InboxParams): Promise<Inbox> {
  const { userId, asOf, status, limit } = params;
  const rows = await sql.query<Row>(INBOX_SQL, [userId, asOf, status === 'all', limit]);
  const items = rows.filter((row): row is Row & { application_id: string } => row.application_id !== null);
  return {
    asOf: iso(asOf),
    status,
    total: Number(rows[0]?.total ?? 0),
    items: items.map((row) => ({
      applicationId: row.application_id,
      obligationId: row.obligation_id,
      jobId: row.job_id,
      candidateName: row.candidate_name,
      stage: row.stage,
      kind: row.kind,
      interviewId: row.interview_id ?? undefined,
      interviewerId: row.interviewer_id ?? undefined,
      startedAt: row.started_at,
      dueAt: row.due_at,
      dueInHours: Math.round((Date.parse(row.due_at) - asOf.getTime()) / 36_000) / 100,
      satisfiedAt: row.satisfied_at,
      cancelledAt: row.cancelled_at,
      owners: row.owners,
      escalated: row.escalated_at !== null,
      escalatedAt: row.escalated_at,
      // jsonb keeps keys in its own order; answer them in the order the rest of the API does.
      reminders: row.reminders.map(({ fraction, at, recipients }) => ({ fraction, at, recipients })),
    })),
  };
}
