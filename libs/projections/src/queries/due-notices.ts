import type { Sql } from '../database/sql';

/** An open obligation whose next reminder or escalation has fallen due, as the read model knows it. */
export interface DueNotice {
  applicationId: string;
  obligationId: string;
}

/**
 * The reminder timer's question (SPEC §6), "what has fallen due by now?", as one range of the
 * partial index obligations_next_notice, which holds only the open obligations with a point ahead:
 * the ones waiting longest first. The timer decides each from the events, so a row that lags the
 * log costs a look and records nothing.
 */
export const DUE_NOTICES_SQL = `
  select application_id, obligation_id
    from read_model.obligations
   where next_notice_at is not null and next_notice_at <= $1
     and satisfied_at is null and cancelled_at is null
   order by next_notice_at
   limit $2`;

export async function dueNotices(sql: Sql, now: Date, limit: number): Promise<DueNotice[]> {
  const rows = await sql.query<{ application_id: string; obligation_id: string }>(DUE_NOTICES_SQL, [now, limit]);
  return rows.map((row) => ({ applicationId: row.application_id, obligationId: row.obligation_id }));
}
