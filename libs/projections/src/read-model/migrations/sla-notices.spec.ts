import { DEFAULT_SLA_POLICY, SLA_POLICY_STREAM_ID, decideSlaPolicy } from '@app/hiring';
import { inTransaction, openSession, useSchema } from '../../database/sql';
import { type ReadModelFixture, openReadModelFixture } from '../../testing/read-model-fixture';
import { mon } from '../../testing/scenarios';
import { READ_MODEL_SCHEMA } from '../entities';
import { rejudgeLock, rejudgeStep } from '../rejudging';
import { QUEUE_NOTICE_BACKFILL } from './1765000000000-sla-notices';

/**
 * A read model written before reminders existed has obligations without a next notice; the
 * migration queues their re-judging, which gives each the one the live projection would have.
 */
describe('filling in the next notice of obligations written before reminders', () => {
  let f: ReadModelFixture;
  beforeAll(async () => {
    f = await openReadModelFixture();
  });
  afterAll(() => f.close());

  const queued = () => f.sql.query<{ version: number }>('select version from read_model.sla_rejudging');
  const nextNotices = () =>
    f.sql.query<{ obligation_id: string; next_notice_at: Date | null }>(
      `select application_id, obligation_id, next_notice_at from read_model.obligations order by 1, 2`,
    );

  async function rejudgeAll(): Promise<void> {
    const session = await openSession(f.dataSource);
    try {
      for (let more = true; more;) {
        more = await inTransaction(session, async () => {
          await session.query('select pg_advisory_xact_lock($1, $2)', rejudgeLock(f.projection.name));
          await useSchema(session, READ_MODEL_SCHEMA);
          return rejudgeStep(session, DEFAULT_SLA_POLICY, 2);
        });
      }
    } finally {
      await session.release();
    }
  }

  it('queues nothing on a read model without a policy version', async () => {
    await f.sql.query(QUEUE_NOTICE_BACKFILL);
    expect(await queued()).toEqual([]);
  });

  it('gives every open obligation its next notice again, and leaves the settled ones without', async () => {
    const [seeded] = decideSlaPolicy(
      { type: 'SeedSlaPolicy', data: DEFAULT_SLA_POLICY, actor: 'configuration', now: mon('07:00') },
      [],
    );
    await f.store.append(SLA_POLICY_STREAM_ID, [{ type: seeded.type, schemaVersion: 1, data: { ...seeded.data } }], {
      expectedRevision: 'no_stream',
    });
    const jobId = await f.writer.openJob(mon('08:00'));
    for (const time of ['09:00', '10:00', '11:00']) await f.writer.submit(jobId, mon(time));
    const moved = await f.writer.submit(jobId, mon('12:00'));
    await f.writer.application(moved.id, {
      type: 'MoveApplication',
      data: { toStage: 'recruiter_screen' },
      now: mon('13:00'),
    });
    await f.catchUp();
    await rejudgeAll();
    const live = await nextNotices();
    expect(live.filter((row) => row.next_notice_at !== null)).toHaveLength(3);

    await f.sql.query('update read_model.obligations set next_notice_at = null');
    await f.sql.query(QUEUE_NOTICE_BACKFILL);
    expect(await queued()).toEqual([{ version: 1 }]);
    await rejudgeAll();

    expect(await nextNotices()).toEqual(live);
    expect(await queued()).toEqual([]);
  });
});
