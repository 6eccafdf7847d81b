/**
 * Version 4 of the event store's schema: appends that wait for a connection are written together,
 * in one statement and one commit (see PostgresEventStore.append). A commit, the statement around
 * it and the round trip cost the server several times what one append's rows do; eight appends in
 * one statement took a third of the server's time that eight transactions took.
 *
 * Each append of a group still stands alone: it runs in a subtransaction of its own, and one that
 * fails (a wrong expected revision, a reservation held by another stream, anything else) is
 * answered with its error while the others commit. A group of one raises its error as a single
 * append always did.
 *
 * Groups must not deadlock with each other or with single appends. Every append locks its keys and
 * then its stream row; a group first locks all the keys of all its appends, in the one order that
 * event_store.append uses (each in the strongest mode any of them asks for), and then appends in
 * the order of their stream ids, so that no two groups lock two streams crosswise. Appends to one
 * stream keep the order in which they arrived. At most 32 appends go together: each holds a
 * subtransaction id, and a transaction with more than 64 of them makes every snapshot on the
 * server slower.
 */
export const GROUP_COMMIT_MIGRATION = {
  version: 4,
  sql: `
      create function event_store.append_group(p_appends jsonb)
      returns table (
        slot integer, next_revision bigint, last_position bigint,
        error_code text, error_message text, error_detail text, error_hint text
      )
      language plpgsql as $$
      declare
        v_alone boolean := jsonb_array_length(p_appends) = 1;
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
            if v_alone then
              raise;
            end if;
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
