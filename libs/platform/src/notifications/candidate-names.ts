import type { CandidateNames } from '@app/notifications';
import type { Pool } from 'pg';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Candidates' names as the `candidates` table holds them at this moment: null once erased (the row
 * keeps its key but loses the name) or when there is no row. Read at every attempt, never stored
 * with a delivery, so an erasure between two attempts is honoured.
 */
export function candidateNamesFrom(db: Pick<Pool, 'query'>): CandidateNames {
  return async (applicationIds) => {
    const names = new Map<string, string | null>(applicationIds.map((id) => [id, null]));
    // An id that is not a UUID names no candidate, and must not fail the cast for the others.
    const ids = applicationIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return names;
    const { rows } = await db.query<{ application_id: string; name: string | null }>(
      'select application_id::text as application_id, name from candidates where application_id = any($1::uuid[])',
      [ids],
    );
    const byLowerCase = new Map(rows.map((row) => [row.application_id.toLowerCase(), row.name]));
    for (const id of ids) names.set(id, byLowerCase.get(id.toLowerCase()) ?? null);
    return names;
  };
}
