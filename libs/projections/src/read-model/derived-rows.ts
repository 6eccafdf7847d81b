import type { PolicyTimeline } from '@app/hiring';
import type { ApplicationRecord } from './application-record';
import { type ObligationRow, type SchedulingWaitRow, obligationRows, schedulingWaitRows } from './obligation-rows';

export type { ObligationRow, SchedulingWaitRow } from './obligation-rows';

/*
 * Every read-model row of an application is a pure function of its record and the SLA policy
 * timeline. A batch derives the rows before and after its events and writes only those whose values
 * changed: idempotent by construction, and the SLA rows come from the domain's obligationsUnder() —
 * the one definition of §3 and §7. Rows never disappear: visits, status changes, waits and
 * obligations only ever accumulate under one timeline. Only a new policy version can make a
 * scheduling obligation not owed any more, and re-judging (rejudging.ts) removes it then.
 */

export type ApplicationRow = {
  id: string;
  job_id: string;
  status: string;
  stage: string;
  stage_entered_at: string;
  submitted_at: string;
  interviewer_ids: string[];
  version: number;
  position: number;
};

export type StageIntervalRow = {
  application_id: string;
  visit: number;
  job_id: string;
  stage: string;
  entered_at: string;
  left_at: string | null;
};

export type StatusIntervalRow = {
  application_id: string;
  seq: number;
  job_id: string;
  status: string;
  from_at: string;
  until_at: string | null;
};

export type BoardIntervalRow = {
  application_id: string;
  visit: number;
  period: number;
  job_id: string;
  stage: string;
  entered_at: string;
  from_at: string;
  until_at: string | null;
};

export type DerivedRows = {
  application: ApplicationRow[];
  stages: StageIntervalRow[];
  statuses: StatusIntervalRow[];
  board: BoardIntervalRow[];
  obligations: ObligationRow[];
  waits: SchedulingWaitRow[];
};

export const emptyRows = (): DerivedRows => ({
  application: [],
  stages: [],
  statuses: [],
  board: [],
  obligations: [],
  waits: [],
});

export function deriveRows(record: ApplicationRecord, timeline: PolicyTimeline): DerivedRows {
  const { state } = record;
  if (state.status === 'none') return emptyRows();
  const application_id = record.id;
  const job_id = state.jobId;
  const interviewers = [...new Set(state.interviews.flatMap((interview) => interview.interviewerIds))].sort();
  const statuses = record.statusLog.map((change, seq) => ({
    application_id,
    seq,
    job_id,
    status: change.status,
    from_at: change.at,
    until_at: record.statusLog[seq + 1]?.at ?? null,
  }));
  const stages = state.visits.map((visit, index) => ({
    application_id,
    visit: index,
    job_id,
    stage: visit.stage,
    entered_at: visit.enteredAt,
    left_at: visit.leftAt,
  }));
  return {
    application: [
      {
        id: application_id,
        job_id,
        status: state.status,
        stage: state.stage,
        stage_entered_at: state.stageEnteredAt,
        submitted_at: state.submittedAt,
        interviewer_ids: interviewers,
        version: record.version,
        position: record.position,
      },
    ],
    stages,
    statuses,
    board: boardIntervals(stages, statuses),
    obligations: obligationRows(record, timeline),
    waits: schedulingWaitRows(record),
  };
}

/**
 * When the application was on the board, and in which stage: every stay in a stage intersected with
 * every period it was active. Both lists only grow at their end, so the keys (visit, period) of
 * existing rows never change; only an open end gets closed.
 */
function boardIntervals(stages: StageIntervalRow[], statuses: StatusIntervalRow[]): BoardIntervalRow[] {
  const rows: BoardIntervalRow[] = [];
  statuses.forEach((period, periodIndex) => {
    if (period.status !== 'active') return;
    for (const stay of stages) {
      const from = later(stay.entered_at, period.from_at);
      const until = earlier(stay.left_at, period.until_at);
      // A stay that never overlapped the period has no row. One that closed at the very instant it
      // opened keeps its row, empty: it was written while still open, and rows are never deleted,
      // so skipping it would leave the card on the board in that stage for ever.
      if (until !== null && until < from) continue;
      rows.push({
        application_id: stay.application_id,
        visit: stay.visit,
        period: periodIndex,
        job_id: stay.job_id,
        stage: stay.stage,
        entered_at: stay.entered_at,
        from_at: from,
        until_at: until,
      });
    }
  });
  return rows;
}

// Instants are canonical UTC strings, so string order is time order; null is "not yet".
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/** The rows of `after` that are new or differ from `before`: what a batch must write. */
export function changedRows(before: DerivedRows, after: DerivedRows): DerivedRows {
  return {
    application: changed(before.application, after.application, (row) => row.id),
    stages: changed(before.stages, after.stages, (row) => String(row.visit)),
    statuses: changed(before.statuses, after.statuses, (row) => String(row.seq)),
    board: changed(before.board, after.board, (row) => `${row.visit}:${row.period}`),
    obligations: changed(before.obligations, after.obligations, (row) => row.obligation_id),
    waits: changed(before.waits, after.waits, (row) => row.obligation_id),
  };
}

function changed<Row>(before: Row[], after: Row[], key: (row: Row) => string): Row[] {
  // A new application, and every one a rebuild writes out for the first time, has nothing to
  // compare with: serialising each of its rows only to find no match is wasted work.
  if (before.length === 0) return [...after];
  const previous = new Map(before.map((row) => [key(row), JSON.stringify(row)]));
  return after.filter((row) => previous.get(key(row)) !== JSON.stringify(row));
}

export function appendRows(into: DerivedRows, rows: DerivedRows): void {
  into.application.push(...rows.application);
  into.stages.push(...rows.stages);
  into.statuses.push(...rows.statuses);
  into.board.push(...rows.board);
  into.obligations.push(...rows.obligations);
  into.waits.push(...rows.waits);
}
