import { Client } from 'pg';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { ReservationConflict } from '../event-store';
import { PostgresEventStore } from './postgres-event-store';
import { event } from './testing/live-subscriber';

// PGlite runs one transaction at a time: nothing is ever in flight beside another there.
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

const GATE = 'job-intake:job-1';

/** A submit's append through the gate, left uncommitted in `client`'s open transaction. */
const gateInFlight = async (client: Client, stream: string) => {
  await client.query('begin');
  await client.query(
    `select event_store.append($1, -1, array['Passed'], '{1}', array['{}'::jsonb], array['{}'::jsonb], array[$2], array[$2])`,
    [stream, GATE],
  );
};

/**
 * A gate (a key one append both reserves and releases: every submit to a job passes the job's
 * intake) orders each append against whoever keeps the key (the close), but never against another
 * append through the same gate: submits to one job do not wait for each other's commits.
 */
describe('PostgreSQL gates', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let other: Client;
  let observer: Client;

  beforeEach(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 });
    other = new Client({ connectionString: database.url });
    observer = new Client({ connectionString: database.url });
    await Promise.all([other.connect(), observer.connect()]);
  });
  afterEach(async () => {
    await Promise.all([other.end(), observer.end()]);
    await store.close();
    await database.drop();
  });

  const throughGate = (stream: string) =>
    store.append(stream, [event('Passed')], {
      expectedRevision: 'no_stream',
      reservations: { reserve: [GATE], release: [GATE] },
    });

  /** Until some backend of this database waits for a lock. */
  const someoneWaitsForTheKey = async () => {
    for (;;) {
      const { rows } = await observer.query(
        `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  onRealPostgres('lets an append through the gate while another one is still in flight', async () => {
    await gateInFlight(other, 'application-a');
    await throughGate('application-b');
    await other.query('commit');
    expect((await store.readAll({ after: null, maxCount: 10 })).map((e) => e.streamId)).toEqual([
      'application-a',
      'application-b',
    ]);
    expect(await store.reservationHolder(GATE)).toBeNull();
  });

  onRealPostgres('makes the keeper wait for the appends in flight through the gate, then shuts it', async () => {
    await gateInFlight(other, 'application-a');
    let closed = false;
    const close = store
      .append('job-1', [event('Closed')], { expectedRevision: 'no_stream', reservations: { reserve: [GATE] } })
      .then(() => (closed = true));
    await someoneWaitsForTheKey();
    expect(closed).toBe(false);

    await other.query('commit');
    await close;
    await expect(throughGate('application-late')).rejects.toEqual(new ReservationConflict(GATE, 'job-1'));
    expect((await store.readAll({ after: null, maxCount: 10 })).map((e) => e.streamId)).toEqual([
      'application-a',
      'job-1',
    ]);
  });

  onRealPostgres('makes an append through the gate wait while the keeper is in flight, then refuses it', async () => {
    await other.query('begin');
    await other.query(
      `select event_store.append('job-1', -1, array['Closed'], '{1}', array['{}'::jsonb], array['{}'::jsonb], array[$1], '{}')`,
      [GATE],
    );
    const late = throughGate('application-late').catch((error: unknown) => error);
    await someoneWaitsForTheKey();
    await other.query('commit');
    expect(await late).toEqual(new ReservationConflict(GATE, 'job-1'));
    expect(await store.readStream('application-late')).toEqual([]);
  });
});
