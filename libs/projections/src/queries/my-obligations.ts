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
 * escalated to them and is not theirs already. Three disjoint arms, each within an index of its own
 * that holds everything the filters read (by interviewer, by job, by escalation recipient): each is
 * counted there, and the page is the first of their union in the inbox's order. Open at asOf first,
 * most urgent first; then, with status=all, what was settled by then, the latest due first. Only
 * the page's rows are read from the table. Parameters: $1 the user, $2 asOf, $3 whether settled
 * ones count, $4 the page size.
 */
const OWN_SCORECARD = `o.kind = 'scorecard' and o.interviewer_id = $1`;
const OWN_DECISION = `o.kind <> 'scorecard' and o.job_id = any(array(
     select j.id from read_model.jobs j where $1 = any(${decisionOwners('j')})))`;
const OWNED_BY_CALLER = [
  OWN_SCORECARD,
  OWN_DECISION,
  `o.escalated_at is not null and o.escalation_recipients @> array[$1]::text[]
     and (${OWN_SCORECARD}) is not true and (${OWN_DECISION}) is not true`,
];

const LISTED_AT_AS_OF = `o.started_at <= $2
       and ($3::boolean
            or ((o.satisfied_at is null or o.satisfied_at > $2) and (o.cancelled_at is null or o.cancelled_at > $2)))`;

const INBOX_ORDER = `m.settled, case when not m.settled then m.due_at end, m.due_at desc, m.application_id, m.obligation_id`;

const counts = OWNED_BY_CALLER.map(
  (owned) => `(select count(*) from read_model.obligations o where ${owned} and ${LISTED_AT_AS_OF})`,
);
const arms = OWNED_BY_CALLER.map(
  (owned) => `select o.application_id, o.obligation_id, o.due_at,
            coalesce(o.satisfied_at <= $2, false) or coalesce(o.cancelled_at <= $2, false) as settled
       from read_model.obligations o where ${owned} and ${LISTED_AT_AS_OF}`,
);

export const INBOX_SQL = `
  select counted.total, page.*
    from (select ${counts.join(' + ')} as total) counted
    left join lateral (
      select o.application_id, o.obligation_id, o.job_id, ${candidateName('o.application_id')} as candidate_name,
             o.stage, o.kind, o.interview_id, o.interviewer_id,
             ${instantText('o.started_at')} as started_at, ${instantText('o.due_at')} as due_at,
             ${instantText('o.satisfied_at')} as satisfied_at, ${instantText('o.cancelled_at')} as cancelled_at,
             ${owners('o')} as owners, ${instantText('o.escalated_at')} as escalated_at, o.reminders
        from (select * from (${arms.join(' union all ')}) m order by ${INBOX_ORDER} limit $4) m
        join read_model.obligations o on o.application_id = m.application_id and o.obligation_id = m.obligation_id
       order by ${INBOX_ORDER}
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
