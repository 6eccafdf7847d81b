import type { ApplicationStatus, Stage } from '@app/hiring';
import type { Sql } from '../database/sql';
import { type ApplicationCursor, decodeCursor, encodeCursor } from './cursor';
import { candidateName, iso } from './read-values';

export const APPLICATIONS_PAGE = { default: 50, max: 200 } as const;

export interface ListApplicationsParams {
  jobId?: string;
  stage?: Stage;
  status?: ApplicationStatus;
  /** Only applications this user interviews (in any of its interviews): how interviewers see the list. */
  interviewerId?: string;
  limit?: number;
  /** From a previous page's nextCursor; throws InvalidCursor when it is not one. */
  cursor?: string;
}

export interface ApplicationListItem {
  id: string;
  jobId: string;
  candidateName: string | null;
  status: string;
  stage: string;
  stageEnteredAt: string;
  submittedAt: string;
  interviewerIds: string[];
  version: number;
}

export interface ApplicationPage {
  items: ApplicationListItem[];
  nextCursor: string | null;
}

interface Row {
  id: string;
  job_id: string;
  candidate_name: string | null;
  status: string;
  stage: string;
  stage_entered_at: Date;
  submitted_at: Date;
  interviewer_ids: string[];
  version: number;
}

/** Newest first; one row more than asked tells whether there is a next page. */
export async function listApplications(sql: Sql, params: ListApplicationsParams): Promise<ApplicationPage> {
  const limit = Math.min(Math.max(params.limit ?? APPLICATIONS_PAGE.default, 1), APPLICATIONS_PAGE.max);
  const after: ApplicationCursor | null = params.cursor ? decodeCursor(params.cursor) : null;
  const rows = await sql.query<Row>(
    `select a.id, a.job_id, ${candidateName('a.id')} as candidate_name, a.status, a.stage, a.stage_entered_at,
            a.submitted_at, a.interviewer_ids, a.version
       from read_model.applications a
      where ($1::uuid is null or a.job_id = $1)
        and ($2::text is null or a.stage = $2)
        and ($3::text is null or a.status = $3)
        and ($4::text is null or a.interviewer_ids @> array[$4::text])
        and ($5::timestamptz is null or (a.submitted_at, a.id) < ($5::timestamptz, $6::uuid))
      order by a.submitted_at desc, a.id desc
      limit $7`,
    [
      params.jobId ?? null,
      params.stage ?? null,
      params.status ?? null,
      params.interviewerId ?? null,
      after?.submittedAt ?? null,
      after?.id ?? null,
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      jobId: row.job_id,
      candidateName: row.candidate_name,
      status: row.status,
      stage: row.stage,
      stageEnteredAt: iso(row.stage_entered_at),
      submittedAt: iso(row.submitted_at),
      interviewerIds: row.interviewer_ids,
      version: row.version,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ submittedAt: last.submitted_at, id: last.id }) : null,
  };
}
