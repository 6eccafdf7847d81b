import type { ApplicationState, NoticeLog } from '@app/hiring';
import type { Sql } from '../database/sql';
import type { ApplicationRecord, StatusChange } from './application-record';
import type { DerivedRows } from './derived-rows';
import type { ObligationRow, SchedulingWaitRow } from './obligation-rows';

/*
 * The application side of the read model, written a batch at a time: one statement per table, the
 * rows passed as one jsonb array and expanded by jsonb_to_recordset (ragged arrays such as
 * interviewer_ids do not fit unnest). Table names are unqualified: the runner points the search path
 * at the live schema or at a rebuild's shadow copy.
 */

interface StateRow {
  application_id: string;
  version: number;
  position: string;
  state: ApplicationState;
  status_log: StatusChange[];
  notices: NoticeLog;
  notices_version: number;
}

export async function loadRecords(sql: Sql, ids: readonly string[]): Promise<Map<string, ApplicationRecord>> {
  const rows = await sql.query<StateRow>(
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

export async function saveRecords(sql: Sql, records: readonly ApplicationRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    application_id: r.id,
    version: r.version,
    position: r.position,
    state: r.state,
    status_log: r.statusLog,
    notices: r.notices,
    notices_version: r.noticesVersion,
  }));
  // The version guards keep a replayed batch from winding a state back; either stream may have moved.
  await sql.query(
    `insert into application_states as s (application_id, version, position, state, status_log, notices, notices_version)
     select application_id, version, position, state, status_log, notices, notices_version
       from jsonb_to_recordset($1::jsonb)
         as r(application_id uuid, version integer, position bigint, state jsonb, status_log jsonb,
              notices jsonb, notices_version integer)
     on conflict (application_id) do update
        set version = excluded.version, position = excluded.position,
            state = excluded.state, status_log = excluded.status_log,
            notices = excluded.notices, notices_version = excluded.notices_version
      where s.version <= excluded.version and s.notices_version <= excluded.notices_version
        and (s.version < excluded.version or s.notices_version < excluded.notices_version)`,
    [JSON.stringify(rows)],
  );
}

export async function writeRows(sql: Sql, rows: DerivedRows): Promise<void> {
  if (rows.application.length > 0) {
    await sql.query(
      `insert into applications as a
         (id, job_id, status, stage, stage_entered_at, submitted_at, interviewer_ids, version, position)
       select id, job_id, status, stage, stage_entered_at, submitted_at, interviewer_ids, version, position
         from jsonb_to_recordset($1::jsonb) as r(
           id uuid, job_id uuid, status text, stage text, stage_entered_at timestamptz,
           submitted_at timestamptz, interviewer_ids text[], version integer, position bigint)
       on conflict (id) do update
          set job_id = excluded.job_id, status = excluded.status, stage = excluded.stage,
              stage_entered_at = excluded.stage_entered_at, submitted_at = excluded.submitted_at,
              interviewer_ids = excluded.interviewer_ids, version = excluded.version, position = excluded.position
        where a.version <= excluded.version`,
      [JSON.stringify(rows.application)],
    );
  }
  if (rows.stages.length > 0) {
    await sql.query(
      `insert into stage_intervals (application_id, visit, job_id, stage, entered_at, left_at)
       select application_id, visit, job_id, stage, entered_at, left_at
         from jsonb_to_recordset($1::jsonb) as r(
           application_id uuid, visit integer, job_id uuid, stage text, entered_at timestamptz, left_at timestamptz)
       on conflict (application_id, visit) do update
          set job_id = excluded.job_id, stage = excluded.stage,
              entered_at = excluded.entered_at, left_at = excluded.left_at`,
      [JSON.stringify(rows.stages)],
    );
  }
  if (rows.statuses.length > 0) {
    await sql.query(
      `insert into status_intervals (application_id, seq, job_id, status, from_at, until_at)
       select application_id, seq, job_id, status, from_at, until_at
         from jsonb_to_recordset($1::jsonb) as r(
           application_id uuid, seq integer, job_id uuid, status text, from_at timestamptz, until_at timestamptz)
       on conflict (application_id, seq) do update
          set job_id = excluded.job_id, status = excluded.status,
              from_at = excluded.from_at, until_at = excluded.until_at`,
      [JSON.stringify(rows.statuses)],
    );
  }
  if (rows.board.length > 0) {
    await sql.query(
      `insert into board_intervals (application_id, visit, period, job_id, stage, entered_at, from_at, until_at)
       select application_id, visit, period, job_id, stage, entered_at, from_at, until_at
         from jsonb_to_recordset($1::jsonb) as r(
           application_id uuid, visit integer, period integer, job_id uuid, stage text,
           entered_at timestamptz, from_at timestamptz, until_at timestamptz)
       on conflict (application_id, visit, period) do update
          set job_id = excluded.job_id, stage = excluded.stage, entered_at = excluded.entered_at,
              from_at = excluded.from_at, until_at = excluded.until_at`,
      [JSON.stringify(rows.board)],
    );
  }
  await writeObligations(sql, rows.obligations);
  await writeSchedulingWaits(sql, rows.waits);
}

/**
 * Upserts obligation rows. A row whose values are all the same is left alone: re-judging rewrites
 * whole applications, most of whose obligations a policy change does not move.
 */
export async function writeObligations(sql: Sql, rows: readonly ObligationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `insert into obligations as o (application_id, obligation_id, job_id, kind, stage, interview_id, interviewer_id,
                                   started_at, due_at, satisfied_at, cancelled_at, policy_version, target_hours,
                                   reminders, escalated_at, escalation_recipients, next_notice_at)
     select application_id, obligation_id, job_id, kind, stage, interview_id, interviewer_id,
            started_at, due_at, satisfied_at, cancelled_at, policy_version, target_hours,
            reminders, escalated_at, escalation_recipients, next_notice_at
       from jsonb_to_recordset($1::jsonb) as r(
         application_id uuid, obligation_id text, job_id uuid, kind text, stage text, interview_id text,
         interviewer_id text, started_at timestamptz, due_at timestamptz, satisfied_at timestamptz,
         cancelled_at timestamptz, policy_version integer, target_hours double precision,
         reminders jsonb, escalated_at timestamptz, escalation_recipients text[], next_notice_at timestamptz)
     on conflict (application_id, obligation_id) do update
        set job_id = excluded.job_id, kind = excluded.kind, stage = excluded.stage,
            interview_id = excluded.interview_id, interviewer_id = excluded.interviewer_id,
            started_at = excluded.started_at, due_at = excluded.due_at,
            satisfied_at = excluded.satisfied_at, cancelled_at = excluded.cancelled_at,
            policy_version = excluded.policy_version, target_hours = excluded.target_hours,
            reminders = excluded.reminders, escalated_at = excluded.escalated_at,
            escalation_recipients = excluded.escalation_recipients, next_notice_at = excluded.next_notice_at
      where (o.job_id, o.kind, o.stage, o.interview_id, o.interviewer_id, o.started_at, o.due_at,
             o.satisfied_at, o.cancelled_at, o.policy_version, o.target_hours,
             o.reminders, o.escalated_at, o.escalation_recipients, o.next_notice_at)
            is distinct from
            (excluded.job_id, excluded.kind, excluded.stage, excluded.interview_id, excluded.interviewer_id,
             excluded.started_at, excluded.due_at, excluded.satisfied_at, excluded.cancelled_at,
             excluded.policy_version, excluded.target_hours,
             excluded.reminders, excluded.escalated_at, excluded.escalation_recipients, excluded.next_notice_at)`,
    [JSON.stringify(rows)],
  );
}

async function writeSchedulingWaits(sql: Sql, rows: readonly SchedulingWaitRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `insert into scheduling_waits (application_id, obligation_id, job_id, stage, started_at, satisfied_at, cancelled_at)
     select application_id, obligation_id, job_id, stage, started_at, satisfied_at, cancelled_at
       from jsonb_to_recordset($1::jsonb) as r(
         application_id uuid, obligation_id text, job_id uuid, stage text, started_at timestamptz,
         satisfied_at timestamptz, cancelled_at timestamptz)
     on conflict (application_id, obligation_id) do update
        set job_id = excluded.job_id, stage = excluded.stage, started_at = excluded.started_at,
            satisfied_at = excluded.satisfied_at, cancelled_at = excluded.cancelled_at`,
    [JSON.stringify(rows)],
  );
}
