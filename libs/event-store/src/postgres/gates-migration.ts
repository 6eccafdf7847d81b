/**
 * Version 3 of the event store's schema: a key that one append both reserves and releases (a gate,
 * such as a job's intake, taken by every submit so that a close orders against it) no longer goes
 * through the reservations table. Inserting and deleting the same row on every submit made all the
 * submits to one job wait for each other's commits in turn, and left a dead row version per submit
 * on one index key for every later insert to step over: about half a millisecond of the database's
 * CPU per submit, and growing. Now a gate takes a shared advisory lock on the key and checks who
 * holds it; a close (or any append that keeps or gives back the key) takes the lock exclusively.
 * The lock's two-number form keeps it apart from the in-flight locks that readers look for.
 */
export const GATES_MIGRATION = {
  version: 3,
  sql: `
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
        v_gates text[] := array(select unnest(p_reserve) intersect select unnest(p_release));
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

        -- Every key is locked first, in one order, so that two appends never wait for each other's
        -- keys crosswise. A gate (a key this append both reserves and releases, such as a job's
        -- intake) is locked shared: gates never wait for one another and write nothing, while an
        -- append that keeps or gives back the key locks it exclusively, so it waits for the gates in
        -- flight to commit, and every gate after it sees what it did.
        for v_key in
          select k from unnest(coalesce(p_reserve, '{}') || coalesce(p_release, '{}')) as k group by k order by k
        loop
          if v_key = any(v_gates) then
            perform pg_advisory_xact_lock_shared(7261832, hashtext(v_key));
          else
            perform pg_advisory_xact_lock(7261832, hashtext(v_key));
          end if;
        end loop;

        foreach v_key in array coalesce(p_reserve, '{}') loop
          if v_key = any(v_gates) then
            v_holder := null;
            select stream_id into v_holder from event_store.reservations where key = v_key;
            if v_holder is not null and v_holder <> p_stream_id then
              raise exception using errcode = 'ES002', message = 'reservation conflict',
                detail = v_key, hint = v_holder;
            end if;
          else
            insert into event_store.reservations as r (key, stream_id) values (v_key, p_stream_id)
              on conflict (key) do update set stream_id = r.stream_id where r.stream_id = p_stream_id;
            if not found then
              select stream_id into v_holder from event_store.reservations where key = v_key;
              raise exception using errcode = 'ES002', message = 'reservation conflict',
                detail = v_key, hint = v_holder;
            end if;
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
    `,
};
