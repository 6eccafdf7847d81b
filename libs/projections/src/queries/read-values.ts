/** Helpers shared by the dashboard queries for turning rows into response values. */

export const iso = (value: Date): string => value.toISOString();

export const isoOrNull = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/**
 * A timestamptz column as the canonical instant text (`2026-11-24T10:00:00.000Z`), formatted by
 * PostgreSQL: lists run to thousands of rows, and parsing each timestamp into a Date only to print
 * it again costs more than the query. Instants are stored with millisecond precision.
 */
export const instantText = (column: string): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The candidate's name as dashboards show it: null once erased. Looked up in the API's personal-data
 * table, never copied into the read model, so erasure needs no projection work. A scalar subquery
 * rather than a join: it is one primary-key probe per row returned, where PostgreSQL would otherwise
 * hash the whole candidates table to join a few thousand breaches.
 */
export const candidateName = (applicationIdColumn: string): string =>
  `(select case when c.erased_at is null then c.name end from candidates c where c.application_id = ${applicationIdColumn})`;

/**
 * Who owes an obligation (SPEC §6), as the domain's obligationOwners() says: a scorecard's
 * interviewer; for the others, the job's recruiters, or its hiring managers when it has none. The
 * team is read from the jobs table at query time, so a changed team shows at once; like the
 * candidate's name, a primary-key probe per row returned. `o` names the obligation row.
 */
export const owners = (o: string): string =>
  `case when ${o}.kind = 'scorecard' then array_remove(array[${o}.interviewer_id], null)
        else coalesce((${ownersOfDecisions(o)}), '{}') end`;

const ownersOfDecisions = (o: string): string =>
  `select ${decisionOwners('j')} from read_model.jobs j where j.id = ${o}.job_id`;

/** Who owes a job's decisions and bookings: its recruiters, or its hiring managers when it has none. `j` names the jobs row. */
export const decisionOwners = (j: string): string =>
  `case when cardinality(${j}.recruiter_ids) > 0 then ${j}.recruiter_ids else ${j}.hiring_manager_ids end`;

/** Counts come back from PostgreSQL as bigint strings. */
export const count = (value: string | number | null | undefined): number => Number(value ?? 0);
