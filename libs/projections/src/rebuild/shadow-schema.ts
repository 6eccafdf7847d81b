import { type Sql, identifier } from '../database/sql';
import { WritesInFlight } from '../database/writes-in-flight';
import type { BulkWriters } from '../runner/projection';

/*
 * A rebuild's shadow copy of a projection's schema, cloned from the live tables as the migrations
 * left them (whatever migration came last), so the rebuild never carries its own copy of the DDL.
 * Index and constraint names are kept: after the swap, a later migration that names an index
 * finds it. Secondary indexes are created only after the bulk load, which is faster than
 * maintaining them row by row; primary keys exist from the start because the upserts need them.
 */

export const shadowSchemaOf = (schema: string) => `${schema}_rebuild`;
export const retiredSchemaOf = (schema: string) => `${schema}_retired`;

export async function createShadowTables(sql: Sql, live: string, shadow: string): Promise<void> {
  await sql.query(`drop schema if exists ${identifier(shadow)} cascade`);
  await sql.query(`create schema ${identifier(shadow)}`);
  const tables = await sql.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = $1 order by tablename`,
    [live],
  );
  for (const { name } of tables) {
    const table = identifier(name);
    await sql.query(
      `create table ${identifier(shadow)}.${table} (like ${identifier(live)}.${table} including all excluding indexes)`,
    );
    // Storage parameters (fillfactor) are not part of LIKE; carry them over.
    const [{ options }] = await sql.query<{ options: string[] | null }>(
      `select c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relname = $2`,
      [live, name],
    );
    if (options && options.length > 0) {
      await sql.query(`alter table ${identifier(shadow)}.${table} set (${options.map(storageOption).join(', ')})`);
    }
  }
  const constraints = await sql.query<{ table_name: string; name: string; definition: string }>(
    `select t.relname as table_name, c.conname as name, pg_get_constraintdef(c.oid) as definition
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = $1 and c.contype in ('p', 'u', 'x')
      order by t.relname, c.conname`,
    [live],
  );
  for (const c of constraints) {
    // The definition comes from the catalogue, as PostgreSQL itself printed it.
    await sql.query(
      `alter table ${identifier(shadow)}.${identifier(c.table_name)} add constraint ${identifier(c.name)} ${c.definition}`,
    );
  }
}

/**
 * The live schema's indexes that no constraint owns, recreated on the shadow tables: one after the
 * other on `sql`, or as many at once as `builders` are wide.
 */
export async function createShadowIndexes(
  sql: Sql,
  live: string,
  shadow: string,
  builders?: BulkWriters,
): Promise<void> {
  const indexes = await sql.query<{ definition: string }>(
    `select replace(pg_get_indexdef(i.indexrelid), ' ON ' || quote_ident($1) || '.', ' ON ' || quote_ident($2) || '.')
            as definition
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = $1
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by i.indexrelid`,
    [live, shadow],
  );
  await eachStatement(
    indexes.map(({ definition }) => definition),
    builders,
    sql,
  );
}

/**
 * Statistics for the planner, and the visibility map that lets index-only scans skip the heap (the
 * breach list is one). VACUUM cannot run inside a transaction: call it outside one.
 */
export async function vacuumShadow(sql: Sql, shadow: string, vacuumers?: BulkWriters): Promise<void> {
  const tables = await sql.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = $1`, [
    shadow,
  ]);
  await eachStatement(
    tables.map(({ name }) => `vacuum (analyze) ${identifier(shadow)}.${identifier(name)}`),
    vacuumers,
    sql,
  );
}

/** Runs every statement, on `sql` one after the other, or as many at once as `writers` are wide. */
async function eachStatement(statements: readonly string[], writers: BulkWriters | undefined, sql: Sql): Promise<void> {
  const target = writers?.sql ?? sql;
  const writing = new WritesInFlight(writers?.width ?? 1);
  try {
    for (const statement of statements) await writing.send(async () => void (await target.query(statement)));
  } catch (error) {
    // A failure stops what was not sent yet; what was sent ends before the rebuild drops the shadow.
    await writing.settled();
    throw error;
  }
  await writing.drain();
}

/** `fillfactor=80` → `fillfactor = 80`, refusing anything that is not a plain name=value pair. */
function storageOption(option: string): string {
  const match = /^([a-z_]+)=([A-Za-z0-9_.]+)$/.exec(option);
  if (!match) throw new Error(`unexpected storage option ${option}`);
  return `${match[1]} = ${match[2]}`;
}
