import { Client } from 'pg';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { heldTechnicalInterview, mon } from '../testing/scenarios';
import { CheckpointWatcher } from './checkpoint-watcher';
import { CHECKPOINT_CHANNEL } from './checkpoints';
import type { ProjectionRunner } from './projection-runner';

// PGlite does not carry notifications from one connection to another; there the API learns
// positions only from its own runner.
const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

/** Long enough that a test passing within its deadlines cannot have been saved by it. */
const SLOW_POLL_MS = 120_000;

describe('the checkpoint watcher', () => {
  let f: ReadModelFixture;
  let watcher: CheckpointWatcher;
  let runner: ProjectionRunner;
  let committed: number[];
  let jobId: string;

  beforeEach(async () => {
    f = await openReadModelFixture();
    jobId = await f.writer.openJob(mon('08:00'));
    // A runner this watcher hears of only through NOTIFY, as if it ran in another process.
    runner = f.runner();
    committed = [];
    runner.onAdvance((position) => committed.push(position));
    runner.start();
    watcher = new CheckpointWatcher(f.dataSource, f.projection, { safetyIntervalMs: SLOW_POLL_MS });
    await watcher.start();
  });
  afterEach(async () => {
    await watcher.stop();
    await f.close();
  });

  /** Milliseconds from the commit of the batch that projects the next application to the watcher seeing it. */
  const delayOfNextBatch = async (): Promise<number> => {
    const seen = committed.length;
    await heldTechnicalInterview(f.writer, jobId);
    const head = await f.store.headPosition();
    const deadline = Date.now() + 10_000;
    let committedAt: number | undefined;
    for (;;) {
      if (committedAt === undefined && committed.slice(seen).some((p) => p >= head)) committedAt = Date.now();
      if (committedAt !== undefined && watcher.position >= head) return Date.now() - committedAt;
      if (Date.now() > deadline) throw new Error(`the watcher stayed at ${watcher.position}, head ${head}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };

  onRealPostgres('sees a batch committed by another runner within 100 ms', async () => {
    const delays = [await delayOfNextBatch(), await delayOfNextBatch(), await delayOfNextBatch()];
    expect(Math.max(...delays)).toBeLessThan(100);
  });

  onRealPostgres(
    'listens again after its LISTEN connection is terminated, and catches up on what it missed',
    async () => {
      await delayOfNextBatch();
      const admin = new Client({ connectionString: f.url });
      await admin.connect();
      try {
        // An idle backend shows its last statement: the watcher's is its LISTEN.
        const { rows } = await admin.query<{ terminated: boolean }>(
          `select pg_terminate_backend(pid) as terminated from pg_stat_activity
            where datname = current_database() and query = $1`,
          [`listen "${CHECKPOINT_CHANNEL}"`],
        );
        expect(rows).toEqual([{ terminated: true }]);
      } finally {
        await admin.end();
      }
      // Committed while the connection may still be away: coming back must catch up on it.
      expect(await delayOfNextBatch()).toBeLessThan(2_000);
      // Committed once it is back: only a renewed LISTEN delivers this one fast.
      expect(await delayOfNextBatch()).toBeLessThan(100);
    },
  );

  it('knows the stored checkpoint from the start, and what its own runner tells it', async () => {
    await heldTechnicalInterview(f.writer, jobId);
    const head = await f.store.headPosition();
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    const quiet = new CheckpointWatcher(f.dataSource, f.projection, { listen: false });
    await quiet.start();
    try {
      expect(quiet.position).toBe(head);
      quiet.advance(head + 5);
      expect(quiet.position).toBe(head + 5);
    } finally {
      await quiet.stop();
    }
  });
});
