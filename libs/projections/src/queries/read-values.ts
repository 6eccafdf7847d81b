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

/** Counts come back from PostgreSQL as bigint strings. */
export const count = (value: string | number | null | undefined): number => Number(value ?? 0);
