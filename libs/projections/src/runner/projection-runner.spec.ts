import type { RecordedEvent } from '@app/event-store';
import {
  DEFAULT_SLA_POLICY,
  evolveApplication,
  initialApplicationState,
  obligations,
  parseApplicationEvent,
} from '@app/hiring';
import type { Sql } from '../database/sql';
import { HiringProjection } from '../read-model/hiring-projection';
import { type ReadModelFixture, openDataSource, openReadModelFixture } from '../testing/read-model-fixture';
import { heldTechnicalInterview, mon, tue } from '../testing/scenarios';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const fast = { backoff: { initialMs: 20, maxMs: 50 }, standbyRetryMs: 50 };

/** The hiring projection, with a fault injected before the n-th event it is given (once, or every time). */
function faulty(inner: Projection, failAt: number, times = Infinity): Projection & { seen: number; failures: number } {
  const wrapper = {
    name: inner.name,
    schema: inner.schema,
    seen: 0,
    failures: 0,
    async apply(sql: Sql, events: readonly RecordedEvent[]) {
      if (wrapper.failures < times && wrapper.seen + events.length >= failAt) {
        const before = failAt - 1 - wrapper.seen;
        // Half the batch really is written inside the transaction before the crash.
        await inner.apply(sql, events.slice(0, before));
        wrapper.failures += 1;
        throw new Error(`crash at event ${failAt}`);
      }
      wrapper.seen += events.length;
      await inner.apply(sql, events);
    },
  };
  return wrapper;
}

describe('the projection runner', () => {
  let f: ReadModelFixture;
  beforeEach(async () => {
    f = await openReadModelFixture();
  });
  afterEach(() => f.close());

  const rows = async (table: string) =>
    Number((await f.sql.query<{ n: string }>(`select count(*) as n from read_model.${table}`))[0].n);
  const checkpoint = async () =>
    Number(
      (
        await f.sql.query<{ position: string }>(
          `select position from read_model.projection_checkpoints where name = 'hiring'`,
        )
      )[0]?.position ?? 0,
    );
  const until = async (condition: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const threeApplications = async () => {
    const jobId = await f.writer.openJob(mon('08:00'));
    for (let n = 0; n < 3; n++) await heldTechnicalInterview(f.writer, jobId);
    return jobId;
  };

  it('makes nothing of a batch visible when it fails part-way, and a restarted runner applies every event exactly once', async () => {
    await threeApplications();
    const head = await f.store.headPosition();
    const crashing = faulty(f.projection, 12);
    const first = new ProjectionRunner(f.dataSource, f.store, crashing, {
      batchSize: 1000,
      backoff: { initialMs: 200, maxMs: 200 },
    });
    first.start();
    await until(() => crashing.failures >= 2 && first.state === 'retrying');
    expect(first.lastError).toBe('crash at event 12');
    await first.stop();
    expect(await checkpoint()).toBe(0);
    expect([
      await rows('applications'),
      await rows('obligations'),
      await rows('application_states'),
      await rows('jobs'),
    ]).toEqual([0, 0, 0, 0]);

    const second = f.runner(fast);
    second.start();
    expect(await second.waitForPosition(head, 10_000)).toBe(true);
    await second.stop();
    await expectEveryEventExactlyOnce(f, head);
  });

  it('retries a failed batch by itself and carries on', async () => {
    await threeApplications();
    const head = await f.store.headPosition();
    const flaky = faulty(f.projection, 5, 1);
    const runner = new ProjectionRunner(f.dataSource, f.store, flaky, { ...fast, batchSize: 4 });
    runner.start();
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    await runner.stop();
    expect(flaky.failures).toBe(1);
    await expectEveryEventExactlyOnce(f, head);
  });

  it('resumes from its checkpoint after a restart, without replaying what was committed', async () => {
    await threeApplications();
    const firstHead = await f.store.headPosition();
    const counting = faulty(f.projection, Infinity);
    const first = new ProjectionRunner(f.dataSource, f.store, counting, fast);
    first.start();
    await first.waitForPosition(firstHead, 10_000);
    await first.stop();
    expect(counting.seen).toBe(firstHead);

    await threeApplications();
    const secondHead = await f.store.headPosition();
    const resumed = faulty(f.projection, Infinity);
    const second = new ProjectionRunner(f.dataSource, f.store, resumed, fast);
    second.start();
    expect(await second.waitForPosition(secondHead, 10_000)).toBe(true);
    await second.stop();
    expect(resumed.seen).toBe(secondHead - firstHead);
    await expectEveryEventExactlyOnce(f, secondHead, 6);
  });

  it('resolves waitForPosition as soon as the position is applied, and with false at the deadline', async () => {
    const runner = f.runner(fast);
    runner.start();
    expect(await runner.waitForPosition(0, 0)).toBe(true);
    const waiting = runner.waitForPosition(1, 5_000);
    const started = Date.now();
    await f.writer.openJob(mon('08:00'));
    expect(await waiting).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    await runner.stop();
    expect(await runner.waitForPosition(2, 100)).toBe(false);
  });

  it('lets the batch in flight commit when stopped', async () => {
    await threeApplications();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    const slow: Projection = {
      name: f.projection.name,
      schema: f.projection.schema,
      async apply(sql, events) {
        entered();
        await gate;
        await f.projection.apply(sql, events);
      },
    };
    const runner = new ProjectionRunner(f.dataSource, f.store, slow, { ...fast, batchSize: 5 });
    runner.start();
    await inFlight;
    const stopped = runner.stop();
    release();
    await stopped;
    expect(runner.state).toBe('stopped');
    expect(await checkpoint()).toBe(5);
    expect(runner.position).toBe(5);
  });

  it('reports how far behind it is, in positions and in seconds', async () => {
    const runner = f.runner({ ...fast, now: () => new Date(Date.now() + 60_000) });
    await f.writer.openJob(mon('08:00'));
    // On a shared server other transactions may hold the log back a moment: wait until it is readable.
    const readable = new AbortController();
    for await (const batch of f.store.subscribe({ after: null, signal: readable.signal }))
      if (batch.length > 0) readable.abort();
    expect(await runner.lag()).toMatchObject({ position: 0, head: 1, behind: 1 });
    expect((await runner.lag()).secondsBehind).toBeGreaterThanOrEqual(59);
    runner.start();
    await runner.waitForPosition(1, 5_000);
    expect(await runner.lag()).toEqual({ position: 1, head: 1, behind: 0, secondsBehind: 0 });
    await runner.stop();
    await f.writer.openJob(tue('08:00'));
    const lag = await runner.lag();
    expect(lag).toMatchObject({ position: 1, head: 2, behind: 1 });
    expect(lag.secondsBehind).toBeGreaterThanOrEqual(59);
  });

  // PGlite serves every connection from one session, so advisory locks there exclude nobody.
  const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

  onRealPostgres('runs one runner per projection across processes; a standby takes over when it stops', async () => {
    const otherProcess = await openDataSource(f.url);
    try {
      const active = f.runner(fast);
      const standby = new ProjectionRunner(otherProcess, f.store, new HiringProjection(DEFAULT_SLA_POLICY), fast);
      active.start();
      await until(() => active.state === 'running');
      standby.start();
      await until(() => standby.state === 'standby');
      await f.writer.openJob(mon('08:00'));
      expect(await active.waitForPosition(1, 5_000)).toBe(true);
      expect(standby.position).toBe(0);

      await active.stop();
      await until(() => standby.state === 'running');
      await f.writer.openJob(tue('08:00'));
      expect(await standby.waitForPosition(2, 5_000)).toBe(true);
      await standby.stop();
      expect(await rows('jobs')).toBe(2);
    } finally {
      await otherProcess.destroy();
    }
  });
});

/** Every application's stored state, derived rows and version match a fold of its stream. */
async function expectEveryEventExactlyOnce(f: ReadModelFixture, head: number, count = 3): Promise<void> {
  const [{ position }] = await f.sql.query<{ position: string }>(
    `select position from read_model.projection_checkpoints`,
  );
  expect(Number(position)).toBe(head);
  const applications = await f.sql.query<{ id: string; version: number }>(
    `select id, version from read_model.applications`,
  );
  expect(applications).toHaveLength(count);
  for (const { id, version } of applications) {
    const stream = await f.store.readStream(`application-${id}`);
    expect(version).toBe(stream.length - 1);
    const state = stream.map(parseApplicationEvent).reduce(evolveApplication, initialApplicationState);
    if (state.status === 'none') throw new Error('no application');
    const stored = await f.sql.query<{ obligation_id: string }>(
      `select obligation_id from read_model.obligations where application_id = $1 order by obligation_id`,
      [id],
    );
    expect(stored.map((o) => o.obligation_id)).toEqual(
      obligations(state, DEFAULT_SLA_POLICY)
        .map((o) => o.id)
        .sort(),
    );
    const statuses = await f.sql.query(`select 1 from read_model.status_intervals where application_id = $1`, [id]);
    expect(statuses).toHaveLength(1);
    const stays = await f.sql.query(`select 1 from read_model.stage_intervals where application_id = $1`, [id]);
    expect(stays).toHaveLength(state.visits.length);
  }
}
