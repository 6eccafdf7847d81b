import { Client, type Notification } from 'pg';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { LISTENER_APPLICATION_NAME } from './listener';
import { PostgresEventStore } from './postgres-event-store';
import { LiveSubscriber, event } from './testing/live-subscriber';

// PGlite does not carry notifications from one connection to another: only the in-process wake-up
// works there, which is what the first test exercises.
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

/** Long enough that a test passing within its deadlines cannot have been saved by the slow poll. */
const SLOW_POLL_MS = 120_000;

describe('waking PostgreSQL subscribers', () => {
  let database: TestDatabase;
  const opened: PostgresEventStore[] = [];
  const open = async (listen: boolean) => {
    const store = await PostgresEventStore.open({
      connectionString: database.url,
      poolSize: 2,
      listen,
      pollIntervalMs: SLOW_POLL_MS,
    });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await database.drop();
  });

  it('wakes a subscriber whose append landed while it was checking for news', async () => {
    const store = await open(false);
    // The append commits, and wakes, just after the subscriber found nothing new and before it
    // starts waiting: the moment a wake-up used to be lost.
    const internals = store as unknown as { hasEventsAfter(position: number): Promise<boolean> };
    const check = internals.hasEventsAfter.bind(store);
    let landed = false;
    internals.hasEventsAfter = async (position) => {
      const pending = await check(position);
      if (!landed) {
        landed = true;
        await store.append('news', [event('News')], { expectedRevision: 'no_stream' });
      }
      return pending;
    };
    const subscriber = new LiveSubscriber(store, null);
    try {
      await subscriber.arrivalOf('News', 5_000);
      expect(subscriber.types).toEqual(['News']);
    } finally {
      await subscriber.stop();
    }
  });

  onRealPostgres('wakes a subscriber in another process within 100 ms of each append', async () => {
    const subscribing = await open(true);
    const writer = await open(false);
    const subscriber = new LiveSubscriber(subscribing, null);
    try {
      const delays: number[] = [];
      for (let n = 0; n < 10; n++) {
        delays.push(
          await subscriber.delayOf(
            () => writer.append(`s-${n}`, [event(`E${n}`)], { expectedRevision: 'no_stream' }),
            `E${n}`,
          ),
        );
      }
      expect(Math.max(...delays)).toBeLessThan(100);
    } finally {
      await subscriber.stop();
    }
  });

  onRealPostgres(
    'listens again after its LISTEN connection is terminated, and catches up on what it missed',
    async () => {
      const subscribing = await open(true);
      const writer = await open(false);
      const subscriber = new LiveSubscriber(subscribing, null);
      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      try {
        await subscriber.delayOf(
          () => writer.append('s', [event('Before')], { expectedRevision: 'no_stream' }),
          'Before',
        );
        const { rows } = await admin.query<{ terminated: boolean }>(
          `select pg_terminate_backend(pid) as terminated from pg_stat_activity
          where datname = current_database() and application_name = $1`,
          [LISTENER_APPLICATION_NAME],
        );
        expect(rows).toEqual([{ terminated: true }]);

        // Appended while the listener may still be away: the reconnection itself must wake us.
        const missed = await subscriber.delayOf(
          () => writer.append('s', [event('Missed')], { expectedRevision: 0 }),
          'Missed',
        );
        // Appended once it is back: only a renewed LISTEN delivers this one fast.
        const after = await subscriber.delayOf(
          () => writer.append('s', [event('After')], { expectedRevision: 1 }),
          'After',
        );
        expect(missed).toBeLessThan(2_000);
        expect(after).toBeLessThan(100);
        expect(subscriber.types).toEqual(['Before', 'Missed', 'After']);
      } finally {
        await admin.end();
        await subscriber.stop();
      }
    },
  );

  onRealPostgres('announces an append after its commit, never as part of it', async () => {
    await open(false);
    const listening = new Client({ connectionString: database.url });
    const appending = new Client({ connectionString: database.url });
    await Promise.all([listening.connect(), appending.connect()]);
    try {
      const heard: Notification[] = [];
      let marker!: () => void;
      const markerHeard = new Promise<void>((resolve) => (marker = resolve));
      listening.on('notification', (n) => {
        heard.push(n);
        if (n.payload === 'marker') marker();
      });
      await listening.query('listen event_store');
      await appending.query('begin');
      await appending.query(
        `select event_store.append('quiet', -1, '{Quiet}', '{1}', array['{}'::jsonb], array['{}'::jsonb], '{}', '{}')`,
      );
      await appending.query('commit');
      // Notifications arrive in commit order: had the append's commit notified, it would come first.
      await appending.query(`select pg_notify('event_store', 'marker')`);
      await markerHeard;
      expect(heard.map((n) => n.payload)).toEqual(['marker']);
    } finally {
      await Promise.all([listening.end(), appending.end()]);
    }
  });
});
