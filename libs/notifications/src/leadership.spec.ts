import { Pool, type PoolClient } from 'pg';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { Leadership } from './leadership';

/** The leader loop against a real database: who leads, and that stop() always ends the lead. */
describe('leadership', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 4 });
    // pool.end() does not wait for its connections to close; one still closing when the database is
    // dropped reports its termination, which nothing is left to care about.
    pool.on('error', () => undefined);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  /** A lead that runs until its signal aborts, counting how often it began. */
  const counting = () => {
    const led = { times: 0 };
    const lead = (signal: AbortSignal) => {
      led.times += 1;
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    return { led, lead };
  };

  it('never leads when stopped while it was still taking the lock, and gives the lock back', async () => {
    let connected!: () => void;
    const gate = new Promise<void>((resolve) => (connected = resolve));
    // A connection that arrives only after stop() was called: a slow pool at start-up.
    const slow = { connect: async (): Promise<PoolClient> => gate.then(() => pool.connect()) } as unknown as Pool;
    const { led, lead } = counting();
    const leadership = new Leadership(slow, [7261899, 1], 'slow', lead);

    leadership.start();
    const stopped = leadership.stop();
    connected();
    await stopped;

    expect(led.times).toBe(0);
    expect(leadership.role).toBe('stopped');
    const [{ free }] = (
      await pool.query<{ free: boolean }>(
        `select not exists (select 1 from pg_locks where locktype = 'advisory' and classid = 7261899) as free`,
      )
    ).rows;
    expect(free).toBe(true);
  });

  it('leads once started, and stops leading when stopped', async () => {
    const { led, lead } = counting();
    const leadership = new Leadership(pool, [7261899, 2], 'plain', lead);
    leadership.start();
    for (let n = 0; leadership.role !== 'leader'; n++) {
      if (n > 500) throw new Error('never led');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await leadership.stop();
    expect(led.times).toBe(1);
    expect(leadership.role).toBe('stopped');
  });
});
