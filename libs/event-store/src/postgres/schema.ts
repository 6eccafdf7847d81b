import { Pool } from 'pg';
import { GATES_MIGRATION } from './gates-migration';
import { GROUP_COMMIT_MIGRATION } from './group-commit-migration';

/**
 * The event store's schema, as ordered migrations. Applied under a transaction-level advisory lock so
 * that several processes starting at once apply each migration exactly once.
 */
export const EVENT_STORE_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
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
  {
    version: 2,
    sql: `
      -- Version 1 made every reader wait for the oldest transaction on the whole server (the
      -- snapshot xmin is cluster-wide: another database's long transaction, a read-model batch),
      -- drew positions before locking the stream (so two 'any' appends to one stream could commit
      -- revision n+1 below revision n), and notified inside the append (a notifying commit takes a
      -- server-wide lock through its WAL flush, which serialises every append). Now:
      --
      -- * The stream row is locked (and reservations taken) before positions are drawn: appends to
      --   one stream draw their positions in revision order, and an append waiting on a busy stream
      --   or key holds no position that readers must wait for.
      -- * An append marks itself in flight with a transaction-scoped advisory lock whose key is its
      --   first position plus IN_FLIGHT (2^62: keys in [2^62, 2^63) belong to in-flight appends).
      --   It takes that lock, under the short session lock, before it draws the position, so any
      --   position the sequence has handed out belongs to an append that either holds its lock or
      --   has ended. PostgreSQL releases a transaction's locks only after its commit is visible.
      -- * Notification is the adapter's job, after commit and coalesced.
      create or replace function event_store.append(
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
        v_first_position bigint;
        v_previous bigint;
        v_key text;
        v_holder text;
      begin
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

        if cardinality(p_release) > 0 then
          delete from event_store.reservations where key = any(p_release) and stream_id = p_stream_id;
        end if;

        -- Held for microseconds and never across a wait, so appends still commit (and fsync) in
        -- parallel. The in-flight key is the position the sequence will hand out next; should
        -- something else draw from it meanwhile, the key is lower than ours, which only makes
        -- readers wait a little longer.
        perform pg_advisory_lock(7261831);
        select case when is_called then last_value + 1 else last_value end
          into v_first_position from event_store.positions;
        perform pg_advisory_xact_lock(4611686018427387904 + v_first_position);
        v_first_position := nextval('event_store.positions');
        if v_count > 1 then
          perform setval('event_store.positions', v_first_position + v_count - 1);
        end if;
        perform pg_advisory_unlock(7261831);

        insert into event_store.events
          (position, stream_id, revision, type, schema_version, data, metadata, transaction_id)
        select v_first_position + e.n - 1, p_stream_id, v_previous + e.n, e.type, e.schema_version,
               e.data, e.metadata, pg_current_xact_id()
          from unnest(p_types, p_schema_versions, p_data, p_metadata)
               with ordinality as e(type, schema_version, data, metadata, n);

        return query select v_previous + v_count, v_first_position + v_count - 1;
      end;
      $$;

      -- Positions below this are final: no event with a lower position can still commit. The three
      -- steps must run in this order, each on its own snapshot (hence plpgsql and volatile): the
      -- head first, so that every position up to it was drawn by an append that had already taken
      -- its in-flight lock; then the in-flight locks; then, in the caller, a fresh snapshot that
      -- sees every append whose lock was gone. Only appends count: other transactions, in this
      -- database or any other, hold nobody back.
      create function event_store.readable_below() returns bigint
      language plpgsql volatile as $$
      declare
        v_head bigint;
        v_oldest_in_flight bigint;
      begin
        select case when is_called then last_value else last_value - 1 end
          into v_head from event_store.positions;
        select min(((l.classid::int8 << 32) | l.objid::int8) - 4611686018427387904)
          into v_oldest_in_flight
          from pg_locks l
         where l.locktype = 'advisory'
           and l.objsubid = 1
           and l.classid >= 1073741824 and l.classid < 2147483648
           and l.database = (select oid from pg_database where datname = current_database());
        return least(v_head + 1, coalesce(v_oldest_in_flight, v_head + 1));
      end;
      $$;

      -- A page of the log a subscriber can trust. The page's snapshot is taken after the limit is
      -- known, which only READ COMMITTED guarantees (a later transaction snapshot).
      create function event_store.read_all(p_after bigint, p_max integer)
      returns setof event_store.events
      language plpgsql volatile as $$
      declare
        v_below bigint;
      begin
        if current_setting('transaction_isolation') <> 'read committed' then
          raise exception using errcode = 'ES004',
            message = 'event_store.read_all needs read committed: a transaction snapshot may predate the limit';
        end if;
        v_below := event_store.readable_below();
        return query select * from event_store.events
          where position > p_after and position < v_below
          order by position limit p_max;
      end;
      $$;
    `,
  },
  GATES_MIGRATION,
  GROUP_COMMIT_MIGRATION,
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
    for (const migration of EVENT_STORE_MIGRATIONS) {
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
