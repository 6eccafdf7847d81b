import { Pool } from 'pg';

/**
 * The event store's schema, as ordered migrations. Applied under a transaction-level advisory lock so
 * that several processes starting at once apply each migration exactly once.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      create table event_store.streams (
        stream_id text primary key,
        revision bigint not null
      );

      create table event_store.events (
        position bigint primary key,
        stream_id text not null,
        revision bigint not null,
        type text not null,
        schema_version integer not null,
        data jsonb not null,
        metadata jsonb not null,
        recorded_at timestamptz not null default now(),
        transaction_id xid8 not null,
        unique (stream_id, revision)
      );

      create sequence event_store.positions as bigint;

      create table event_store.reservations (
        key text primary key,
        stream_id text not null,
        reserved_at timestamptz not null default now()
      );

      -- One round trip per append. Expected revision: -1 = no stream, -2 = any, n >= 0 = exact.
      --
      -- Global order: a subscriber reads only events whose transaction id is below the oldest
      -- transaction still in flight. That is sound only if positions and transaction ids are taken in
      -- the same order by every appender; otherwise a transaction that took its id first but its
      -- position last could commit an event the subscriber has already read past. The session lock
      -- makes "take the transaction id, take the positions" one step. It is held for microseconds,
      -- never across a wait, and released before the rest of the append, so appends still commit
      -- (and fsync) in parallel. It only works if this is where the transaction gets its id, so an
      -- append must be its transaction's first write (and its only append).
      create function event_store.append(
        p_stream_id text,
        p_expected bigint,
        p_types text[],
        p_schema_versions integer[],
        p_data jsonb[],
        p_metadata jsonb[],
        p_reserve text[],
        p_release text[]
      ) returns table (next_revision bigint, last_position bigint)
      language plpgsql as $$
      declare
        v_count integer := cardinality(p_types);
        v_transaction_id xid8;
        v_first_position bigint;
        v_previous bigint;
        v_key text;
        v_holder text;
      begin
        if pg_current_xact_id_if_assigned() is not null then
          raise exception using errcode = 'ES003',
            message = 'event_store.append must be the first write of its transaction';
        end if;
        perform pg_advisory_lock(7261831);
        v_transaction_id := pg_current_xact_id();
        v_first_position := nextval('event_store.positions');
        perform setval('event_store.positions', v_first_position + v_count - 1);
        perform pg_advisory_unlock(7261831);

        if p_expected = -1 then
          insert into event_store.streams (stream_id, revision) values (p_stream_id, v_count - 1)
            on conflict do nothing;
          if not found then
            select revision into v_previous from event_store.streams where stream_id = p_stream_id;
            raise exception using errcode = 'ES001', message = 'wrong expected revision',
              detail = coalesce(v_previous::text, 'no_stream');
          end if;
          v_previous := -1;
        elsif p_expected = -2 then
          insert into event_store.streams as s (stream_id, revision) values (p_stream_id, v_count - 1)
            on conflict (stream_id) do update set revision = s.revision + v_count
            returning s.revision - v_count into v_previous;
        else
          update event_store.streams set revision = revision + v_count
            where stream_id = p_stream_id and revision = p_expected;
          if not found then
            select revision into v_previous from event_store.streams where stream_id = p_stream_id;
            raise exception using errcode = 'ES001', message = 'wrong expected revision',
              detail = coalesce(v_previous::text, 'no_stream');
          end if;
          v_previous := p_expected;
        end if;

        foreach v_key in array coalesce(p_reserve, '{}') loop
          insert into event_store.reservations as r (key, stream_id) values (v_key, p_stream_id)
            on conflict (key) do update set stream_id = r.stream_id where r.stream_id = p_stream_id;
          if not found then
            select stream_id into v_holder from event_store.reservations where key = v_key;
            raise exception using errcode = 'ES002', message = 'reservation conflict',
              detail = v_key, hint = v_holder;
          end if;
        end loop;

        delete from event_store.reservations
          where key = any(coalesce(p_release, '{}')) and stream_id = p_stream_id;

        insert into event_store.events
          (position, stream_id, revision, type, schema_version, data, metadata, transaction_id)
        select v_first_position + e.n - 1, p_stream_id, v_previous + e.n, e.type, e.schema_version,
               e.data, e.metadata, v_transaction_id
          from unnest(p_types, p_schema_versions, p_data, p_metadata)
               with ordinality as e(type, schema_version, data, metadata, n);

        perform pg_notify('event_store', '');
        return query select v_previous + v_count, v_first_position + v_count - 1;
      end;
      $$;
    `,
  },
];

export async function migrateEventStore(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(7261830)');
    await client.query('create schema if not exists event_store');
    await client.query(
      'create table if not exists event_store.schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await client.query<{ version: number }>('select version from event_store.schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('insert into event_store.schema_migrations (version) values ($1)', [migration.version]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
