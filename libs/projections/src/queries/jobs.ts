import type { Sql } from '../database/sql';

export interface JobListItem {
  id: string;
  title: string;
  department: string | null;
  status: 'open' | 'closed';
  recruiterIds: string[];
  hiringManagerIds: string[];
}

/** Every job, oldest first: a company has hundreds, not millions. */
export async function listJobs(sql: Sql): Promise<JobListItem[]> {
  return sql.query<JobListItem>(`select id, title, department, status, recruiter_ids as "recruiterIds", hiring_manager_ids as "hiringManagerIds"
       from read_model.jobs order by opened_at, id`);
}

export async function findJob(sql: Sql, id: string): Promise<JobListItem | null> {
  const [job] = await sql.query<JobListItem>(
    `select id, title, department, status, recruiter_ids as "recruiterIds", hiring_manager_ids as "hiringManagerIds"
       from read_model.jobs where id = $1`,
    [id],
  );
  return job ?? null;
}
