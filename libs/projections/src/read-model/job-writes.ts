import type { RecordedEvent } from '@app/event-store';
import { type JobState, evolveJob, initialJobState, parseJobEvent, teamOf } from '@app/hiring';
import type { Sql } from '../database/sql';

interface JobRow {
  id: string;
  title: string;
  department: string | null;
  status: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
  recruiter_ids: string[];
  hiring_manager_ids: string[];
  version: number;
}

/** A row as read back: the driver turns timestamptz into Date. */
type StoredJob = Omit<JobRow, 'opened_at' | 'closed_at'> & { opened_at: Date; closed_at: Date | null };

/** Folds each job's events of the batch onto its row with the domain's evolve, and writes the rows back. */
export async function applyJobEvents(sql: Sql, eventsByJob: ReadonlyMap<string, RecordedEvent[]>): Promise<void> {
  const stored = await sql.query<StoredJob>(
    `select id, title, department, status, opened_at, closed_at, recruiter_ids, hiring_manager_ids, version
       from jobs where id = any($1::uuid[])`,
    [[...eventsByJob.keys()]],
  );
  const rows = new Map(stored.map((row) => [row.id, row]));
  const changed: JobRow[] = [];
  for (const [id, events] of eventsByJob) {
    const row = rows.get(id);
    let version = row?.version ?? -1;
    let state: JobState = row ? stateOf(row) : initialJobState;
    for (const recorded of events) {
      if (recorded.revision <= version) continue;
      state = evolveJob(state, parseJobEvent(recorded));
      version = recorded.revision;
    }
    if (state.status === 'none' || version === (row?.version ?? -1)) continue;
    const team = teamOf(state);
    changed.push({
      id,
      title: state.title,
      department: state.department,
      status: state.status,
      opened_at: state.openedAt,
      closed_at: state.status === 'closed' ? state.closedAt : null,
      recruiter_ids: team.recruiterIds,
      hiring_manager_ids: team.hiringManagerIds,
      version,
    });
  }
  if (changed.length === 0) return;
  await sql.query(
    `insert into jobs as j
       (id, title, department, status, opened_at, closed_at, recruiter_ids, hiring_manager_ids, version)
     select id, title, department, status, opened_at, closed_at, recruiter_ids, hiring_manager_ids, version
       from jsonb_to_recordset($1::jsonb) as r(
         id uuid, title text, department text, status text, opened_at timestamptz, closed_at timestamptz,
         recruiter_ids text[], hiring_manager_ids text[], version integer)
     on conflict (id) do update
        set title = excluded.title, department = excluded.department, status = excluded.status,
            opened_at = excluded.opened_at, closed_at = excluded.closed_at,
            recruiter_ids = excluded.recruiter_ids, hiring_manager_ids = excluded.hiring_manager_ids,
            version = excluded.version
      where j.version < excluded.version`,
    [JSON.stringify(changed)],
  );
}

function stateOf(row: StoredJob): JobState {
  const file = {
    jobId: row.id,
    title: row.title,
    department: row.department,
    openedAt: row.opened_at.toISOString(),
    recruiterIds: row.recruiter_ids,
    hiringManagerIds: row.hiring_manager_ids,
  };
  return row.status === 'closed' && row.closed_at
    ? { ...file, status: 'closed', closedAt: row.closed_at.toISOString() }
    : { ...file, status: 'open' };
}
