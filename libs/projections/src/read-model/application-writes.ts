import type { ApplicationState, NoticeLog } from '@app/hiring';
import type { Sql } from '../database/sql';
import type { ApplicationRecord, StatusChange } from './application-record';
import type {
  ApplicationRow,
  BoardIntervalRow,
  DerivedRows,
  StageIntervalRow,
  StatusIntervalRow,
} from './derived-rows';
import type { ObligationRow, SchedulingWaitRow } from './obligation-rows';
import { type Table, anyColumnChanged, insertStatement, rowValues } from './row-statements';

/*
 * The application side of the read model, written a batch at a time: the records and every derived
 * table in one statement (one round trip), each table's rows in one parameter (row-statements.ts).
 * Table names are unqualified: the runner points the search path at the live schema or at a
 * rebuild's shadow copy.
 */

interface StateRow {
  application_id: string;
  version: number;
  position: number;
  state: ApplicationState;
  status_log: StatusChange[];
  notices: NoticeLog;
  notices_version: number;
}

const STATES: Table<StateRow> = {
  name: 'application_states',
  columns: [
    ['application_id', 'uuid'],
    ['version', 'integer'],
    ['position', 'bigint'],
    ['state', 'jsonb'],
    ['status_log', 'jsonb'],
    ['notices', 'jsonb'],
    ['notices_version', 'integer'],
  ],
  key: ['application_id'],
  // The version guards keep a replayed batch from winding a state back; either stream may have moved.
  replaceWhen: `t.version <= excluded.version and t.notices_version <= excluded.notices_version
        and (t.version < excluded.version or t.notices_version < excluded.notices_version)`,
};

const APPLICATIONS: Table<ApplicationRow> = {
  name: 'applications',
  columns: [
    ['id', 'uuid'],
    ['job_id', 'uuid'],
    ['status', 'text'],
    ['stage', 'text'],
    ['stage_entered_at', 'timestamptz'],
    ['submitted_at', 'timestamptz'],
    ['interviewer_ids', 'text[]'],
    ['version', 'integer'],
    ['position', 'bigint'],
  ],
  key: ['id'],
  replaceWhen: 't.version <= excluded.version',
};

const STAGE_INTERVALS: Table<StageIntervalRow> = {
  name: 'stage_intervals',
  columns: [
    ['application_id', 'uuid'],
    ['visit', 'integer'],
    ['job_id', 'uuid'],
    ['stage', 'text'],
    ['entered_at', 'timestamptz'],
    ['left_at', 'timestamptz'],
  ],
  key: ['application_id', 'visit'],
};

const STATUS_INTERVALS: Table<StatusIntervalRow> = {
  name: 'status_intervals',
  columns: [
    ['application_id', 'uuid'],
    ['seq', 'integer'],
    ['job_id', 'uuid'],
    ['status', 'text'],
    ['from_at', 'timestamptz'],
    ['until_at', 'timestamptz'],
  ],
  key: ['application_id', 'seq'],
};

const BOARD_INTERVALS: Table<BoardIntervalRow> = {
  name: 'board_intervals',
  columns: [
    ['application_id', 'uuid'],
    ['visit', 'integer'],
    ['period', 'integer'],
    ['job_id', 'uuid'],
    ['stage', 'text'],
    ['entered_at', 'timestamptz'],
    ['from_at', 'timestamptz'],
    ['until_at', 'timestamptz'],
  ],
  key: ['application_id', 'visit', 'period'],
};

const OBLIGATION_COLUMNS = {
  name: 'obligations',
  columns: [
    ['application_id', 'uuid'],
    ['obligation_id', 'text'],
    ['job_id', 'uuid'],
    ['kind', 'text'],
    ['stage', 'text'],
    ['interview_id', 'text'],
    ['interviewer_id', 'text'],
    ['started_at', 'timestamptz'],
    ['due_at', 'timestamptz'],
    ['satisfied_at', 'timestamptz'],
    ['cancelled_at', 'timestamptz'],
    ['policy_version', 'integer'],
    ['target_hours', 'double precision'],
    ['reminders', 'jsonb'],
    ['escalated_at', 'timestamptz'],
    ['escalation_recipients', 'text[]'],
    ['next_notice_at', 'timestamptz'],
  ],
  key: ['application_id', 'obligation_id'],
} as const satisfies Table<ObligationRow>;

/**
 * A row whose values are all the same is left alone: re-judging rewrites whole applications, most
 * of whose obligations a policy change does not move.
 */
const OBLIGATIONS: Table<ObligationRow> = { ...OBLIGATION_COLUMNS, replaceWhen: anyColumnChanged(OBLIGATION_COLUMNS) };

const SCHEDULING_WAITS: Table<SchedulingWaitRow> = {
  name: 'scheduling_waits',
  columns: [
    ['application_id', 'uuid'],
    ['obligation_id', 'text'],
    ['job_id', 'uuid'],
    ['stage', 'text'],
    ['started_at', 'timestamptz'],
    ['satisfied_at', 'timestamptz'],
    ['cancelled_at', 'timestamptz'],
  ],
  key: ['application_id', 'obligation_id'],
};

/**
 * How a batch's rows meet the table: `upsert` for rows that may be there already (a replayed
 * batch, an application seen before), `insert` when none can be — a rebuild writing an application
 * out for the first time — which spares PostgreSQL the conflict check of every row.
 */
export type WriteMode = 'upsert' | 'insert';

/** In the order of their parameters. */
const TABLES = [
  STATES,
  APPLICATIONS,
  STAGE_INTERVALS,
  STATUS_INTERVALS,
  BOARD_INTERVALS,
  OBLIGATIONS,
  SCHEDULING_WAITS,
];

/** Data-modifying CTEs all run to completion, referenced or not: one statement writes every table. */
const writeStatement = (upsert: boolean) =>
  `with ${TABLES.map((table, index) => `${table.name}_written as (${insertStatement(table, index + 1, upsert)})`).join(',\n')}
select 1`;

const WRITE: Record<WriteMode, string> = { upsert: writeStatement(true), insert: writeStatement(false) };
const WRITE_OBLIGATIONS = insertStatement(OBLIGATIONS, 1, true);

export async function loadRecords(sql: Sql, ids: readonly string[]): Promise<Map<string, ApplicationRecord>> {
  const rows = await sql.query<Omit<StateRow, 'position'> & { position: string }>(
    `select application_id, version, position, state, status_log, notices, notices_version
       from application_states
      where application_id = any($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.application_id,
      {
        id: row.application_id,
        version: row.version,
        position: Number(row.position),
        state: row.state,
        statusLog: row.status_log,
        notices: row.notices,
        noticesVersion: row.notices_version,
      },
    ]),
  );
}

/** The applications' records and their derived rows, prepared for writeApplications. */
export type ApplicationWrite = { mode: WriteMode; values: string[] };

/**
 * Serialises the records and rows (the costly part, in JavaScript) apart from sending them, so that
 * a rebuild can prepare the next batch while PostgreSQL writes this one.
 */
export function applicationWrite(
  records: readonly ApplicationRecord[],
  rows: DerivedRows,
  mode: WriteMode = 'upsert',
): ApplicationWrite {
  const states = records.map((r): StateRow => ({
    application_id: r.id,
    version: r.version,
    position: r.position,
    state: r.state,
    status_log: r.statusLog,
    notices: r.notices,
    notices_version: r.noticesVersion,
  }));
  return {
    mode,
    values: [
      rowValues(STATES, states),
      rowValues(APPLICATIONS, rows.application),
      rowValues(STAGE_INTERVALS, rows.stages),
      rowValues(STATUS_INTERVALS, rows.statuses),
      rowValues(BOARD_INTERVALS, rows.board),
      rowValues(OBLIGATIONS, rows.obligations),
      rowValues(SCHEDULING_WAITS, rows.waits),
    ],
  };
}

export async function writeApplications(sql: Sql, write: ApplicationWrite): Promise<void> {
  if (write.values.every((values) => values === '[]')) return;
  await sql.query(WRITE[write.mode], write.values);
}

/** Upserts obligation rows (re-judging's writes). */
export async function writeObligations(sql: Sql, rows: readonly ObligationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(WRITE_OBLIGATIONS, [rowValues(OBLIGATIONS, rows)]);
}
