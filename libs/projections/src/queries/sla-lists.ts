import type { ObligationKind, Stage } from '@app/hiring';
import type { Sql } from '../database/sql';
import { InvalidCursor } from './cursor';
import { candidateName, instantText, iso, owners } from './read-values';

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
  /** SPEC §6: who must act on it, and whether its breach was escalated. */
  owners: string[];
  escalated: boolean;
}

export type BreachItem = SlaItem & { overdueHours: number };
export type AtRiskItem = SlaItem & { dueInHours: number };

/** Page sizes of GET /sla/breaches and /sla/at-risk (SPEC §4 additions). */
export const SLA_LIST_PAGE = { default: 100, max: 1000 } as const;

export type SlaListKind = 'breaches' | 'at-risk';

/** Without a limit, the whole list: what the specs and the benchmark compare with. */
export interface SlaPage {
  limit?: number;
  /** From a previous page's nextCursor; throws InvalidCursor when it is not one of this list. */
  cursor?: string;
}

export interface SlaList<T> {
  asOf: string;
  /** Every item that matches, on every page. */
  total: number;
  items: T[];
  nextCursor: string | null;
}

/** Where the previous page ended, in the lists' order (due_at, application_id, obligation_id). */
export interface SlaCursorPosition {
  dueAt: Date;
  applicationId: string;
  obligationId: string;
}

interface Row {
  total: string;
  application_id: string | null;
  obligation_id: string;
  job_id: string;
  candidate_name: string | null;
  stage: Stage;
  kind: ObligationKind;
  interviewer_id: string | null;
  started_at: string;
  due_at: string;
  owners: string[];
  escalated: boolean;
}

/** A row of the page, not the count's placeholder on an empty page. */
type ItemRow = Row & { application_id: string };

/** What every list reads of an obligation, from its index alone. */
const ITEM_COLUMNS =
  'o.application_id, o.obligation_id, o.job_id, o.stage, o.kind, o.interviewer_id, o.started_at, o.due_at';

const FILTERS = `($2::uuid is null or o.job_id = $2)
       and ($3::text is null or o.stage = $3)
       and ($4::text is null or o.kind = $4)
       and ($5::text is null or o.interviewer_id = $5)`;

const AFTER_CURSOR = `($6::timestamptz is null
            or (o.due_at, o.application_id, o.obligation_id) > ($6::timestamptz, $7::uuid, $8::text))`;

interface ListShape {
  /** Disjoint conditions, each a range of one covering index: the list is their union. */
  arms: string[];
  /** Whether those indexes hold escalated_at; if not, it is read by primary key for the page's rows only. */
  escalatedCovered: boolean;
}

/*
 * One statement per list, so the count and the page come from one snapshot: the number of matching
 * obligations, counted arm by arm within their indexes, and the page after the cursor, the first
 * rows of the arms' union in the lists' order. Names, owners and instants as text are computed for
 * the page's rows only, after the limit: for thousands of breaches, formatting the instants of rows
 * only to sort them away cost more than finding them. The left join keeps the count when the page
 * is empty. Parameters: $1 asOf, $2..$5 the filters, $6..$8 the cursor, $9 the page size plus one
 * (null: everything), $10 the at-risk window's end.
 */
const listStatement = ({ arms, escalatedCovered }: ListShape) => {
  const columns = escalatedCovered ? `${ITEM_COLUMNS}, o.escalated_at` : ITEM_COLUMNS;
  const counts = arms.map((where) => `(select count(*) from read_model.obligations o where ${where} and ${FILTERS})`);
  const pages = arms.map(
    (where) => `select ${columns} from read_model.obligations o where ${where} and ${FILTERS} and ${AFTER_CURSOR}`,
  );
  const escalated = escalatedCovered
    ? 'm.escalated_at is not null'
    : `(select e.escalated_at is not null from read_model.obligations e
          where e.application_id = m.application_id and e.obligation_id = m.obligation_id)`;
  return `
  select counted.total, page.*
    from (select ${counts.join(' + ')} as total) counted
    left join lateral (
      select m.application_id, m.obligation_id, m.job_id, ${candidateName('m.application_id')} as candidate_name,
             m.stage, m.kind, m.interviewer_id,
             ${instantText('m.started_at')} as started_at, ${instantText('m.due_at')} as due_at,
             ${owners('m')} as owners, ${escalated} as escalated
        from (select * from (${pages.join(' union all ')}) arms
               order by arms.due_at, arms.application_id, arms.obligation_id
               limit $9) m
       order by m.due_at, m.application_id, m.obligation_id
    ) page on true`;
};

/**
 * Breached at `asOf` (SPEC §3): due before it, and neither satisfied nor cancelled at or before it,
 * for any `asOf`, past or future. Two kinds of obligation can be: those still open, breached at
 * every instant after they fell due (obligations_open, in the lists' order); and those settled late,
 * breached in between, which is their generated `breached_during` range (obligations_settled_late,
 * a GiST index of those ranges alone). Everything settled on time, most of the table, is in neither.
 */
export const BREACHES_SQL = listStatement({
  arms: [
    'o.satisfied_at is null and o.cancelled_at is null and o.due_at < $1::timestamptz',
    'least(o.satisfied_at, o.cancelled_at) > o.due_at and o.breached_during @> $1::timestamptz',
  ],
  escalatedCovered: true,
});

/**
 * At risk at `asOf` (SPEC §3): open at `asOf` — started, neither satisfied nor cancelled by then —
 * and due in [asOf, $10], both ends included: a range of obligations_by_due_then_id, which holds
 * every column the list needs, whatever the instant.
 */
export const AT_RISK_SQL = listStatement({
  arms: [
    `o.due_at between $1::timestamptz and $10::timestamptz
       and o.started_at <= $1::timestamptz
       and (o.satisfied_at is null or o.satisfied_at > $1::timestamptz)
       and (o.cancelled_at is null or o.cancelled_at > $1::timestamptz)`,
  ],
  escalatedCovered: false,
});

export function slaListParameters(
  asOf: Date,
  filter: ObligationFilter,
  until: Date | undefined,
  after: SlaCursorPosition | null,
  limit: number | undefined,
): unknown[] {
  return [
    asOf,
    filter.jobId ?? null,
    filter.stage ?? null,
    filter.kind ?? null,
    filter.interviewerId ?? null,
    after?.dueAt ?? null,
    after?.applicationId ?? null,
    after?.obligationId ?? null,
    limit === undefined ? null : limit + 1,
    ...(until === undefined ? [] : [until]),
  ];
}

/** Most overdue first, then by application and obligation. */
export async function breachesAt(
  sql: Sql,
  asOf: Date,
  filter: ObligationFilter = {},
  page: SlaPage = {},
): Promise<SlaList<BreachItem>> {
  const after = page.cursor ? decodeSlaCursor('breaches', page.cursor, asOf) : null;
  const rows = await sql.query<Row>(BREACHES_SQL, slaListParameters(asOf, filter, undefined, after, page.limit));
  return listOf('breaches', asOf, rows, page.limit, (item, row) =>
    Object.assign(item, { overdueHours: hoursFrom(asOf, row.due_at) }),
  );
}

/** Soonest first, then by application and obligation. */
export async function atRiskAt(
  sql: Sql,
  asOf: Date,
  withinHours: number = DEFAULT_AT_RISK_HOURS,
  filter: ObligationFilter = {},
  page: SlaPage = {},
): Promise<SlaList<AtRiskItem> & { withinHours: number }> {
  // The window's end is computed here, in milliseconds as the domain does, not as an SQL interval.
  const until = new Date(asOf.getTime() + withinHours * 3_600_000);
  const after = page.cursor ? decodeSlaCursor('at-risk', page.cursor, asOf) : null;
  const rows = await sql.query<Row>(AT_RISK_SQL, slaListParameters(asOf, filter, until, after, page.limit));
  const list = listOf('at-risk', asOf, rows, page.limit, (item, row) =>
    Object.assign(item, { dueInHours: -hoursFrom(asOf, row.due_at) }),
  );
  return { asOf: list.asOf, withinHours, total: list.total, items: list.items, nextCursor: list.nextCursor };
}

/**
 * The instant a page is judged at: the cursor's, so that every page of a list is judged at the
 * instant of the first even when none was asked for; else the one asked for; else now. Asking for
 * another instant than the cursor's is asking for another list.
 */
export function slaListInstant(
  list: SlaListKind,
  cursor: string | undefined,
  asked: Date | undefined,
  now: Date,
): Date {
  if (cursor === undefined) return asked ?? now;
  const asOf = cursorParts(list, cursor).asOf;
  if (asked !== undefined && asked.getTime() !== asOf.getTime()) throw new InvalidCursor();
  return asOf;
}

function listOf<T extends SlaItem>(
  list: SlaListKind,
  asOf: Date,
  rows: Row[],
  limit: number | undefined,
  complete: (item: SlaItem, row: ItemRow) => T,
): SlaList<T> {
  const found = rows.filter((row): row is ItemRow => row.application_id !== null);
  const page = limit === undefined ? found : found.slice(0, limit);
  const last = page.at(-1);
  return {
    asOf: iso(asOf),
    total: Number(rows[0]?.total ?? 0),
    items: page.map((row) => complete(item(row), row)),
    nextCursor:
      last && found.length > page.length
        ? encodeSlaCursor(list, asOf, {
            dueAt: new Date(last.due_at),
            applicationId: last.application_id,
            obligationId: last.obligation_id,
          })
        : null,
  };
}

function encodeSlaCursor(list: SlaListKind, asOf: Date, at: SlaCursorPosition): string {
  const parts = [list, asOf.toISOString(), at.dueAt.toISOString(), at.applicationId, at.obligationId];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function decodeSlaCursor(list: SlaListKind, cursor: string, asOf: Date): SlaCursorPosition {
  const parts = cursorParts(list, cursor);
  if (parts.asOf.getTime() !== asOf.getTime()) throw new InvalidCursor();
  return parts.at;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cursorParts(list: SlaListKind, cursor: string): { asOf: Date; at: SlaCursorPosition } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || !parsed.every((part) => typeof part === 'string')) {
    throw new InvalidCursor();
  }
  const [kind, asOfText, dueAtText, applicationId, obligationId] = parsed as string[];
  const asOf = exactInstant(asOfText);
  const dueAt = exactInstant(dueAtText);
  if (kind !== list || !asOf || !dueAt || !UUID.test(applicationId) || obligationId.length > 500) {
    throw new InvalidCursor();
  }
  return { asOf, at: { dueAt, applicationId, obligationId } };
}

/** Only an instant as this API prints it: anything else was not issued here. */
function exactInstant(text: string): Date | null {
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) || instant.toISOString() !== text ? null : instant;
}

// Lists run to thousands of items: one object of one shape each. An absent interviewer is an
// undefined key, which JSON leaves out.
function item(row: ItemRow): SlaItem {
  return {
    applicationId: row.application_id,
    jobId: row.job_id,
    candidateName: row.candidate_name,
    stage: row.stage,
    kind: row.kind,
    interviewerId: row.interviewer_id ?? undefined,
    startedAt: row.started_at,
    dueAt: row.due_at,
    owners: row.owners,
    escalated: row.escalated,
  };
}

/** Hours from `dueAt` to `asOf` (negative before it is due), to two decimals. */
const hoursFrom = (asOf: Date, dueAt: string): number =>
  Math.round((asOf.getTime() - Date.parse(dueAt)) / 36_000) / 100;
