import { aggregateStream, handleCommand } from '@app/event-store';
import {
  DEFAULT_POLICY_VERSION,
  applicationAggregate,
  nextNotice,
  noticeRecord,
  noticesAggregate,
  obligationsUnder,
  recordedNotices,
} from '@app/hiring';
import { type ReadModelFixture, openReadModelFixture } from '../testing/read-model-fixture';
import { at, mon, tue, wed } from '../testing/scenarios';
import { DUE_NOTICES_SQL, dueNotices } from './due-notices';

/*
 * SPEC §6's timer asks the read model what has fallen due. Submitted Monday 09:00, an application's
 * decision (48 calendar hours) reaches half its target on Tuesday 09:00, three quarters on Tuesday
 * 21:00 and its due time on Wednesday 09:00.
 */
describe('the notices that have fallen due', () => {
  let f: ReadModelFixture;
  let jobId: string;
  beforeAll(async () => {
    f = await openReadModelFixture();
    jobId = await f.writer.openJob(mon('08:00'));
  });
  afterAll(() => f.close());

  /** Records what is due for the obligation at `now`, as the timer does, through the notices decider. */
  async function record(applicationId: string, obligationId: string, now: string): Promise<void> {
    const { state } = await aggregateStream(f.store, applicationAggregate, applicationId);
    if (state.status === 'none') throw new Error('no application');
    const obligation = obligationsUnder(state, [DEFAULT_POLICY_VERSION]).find((o) => o.id === obligationId)!;
    await handleCommand(
      f.store,
      noticesAggregate,
      applicationId,
      (log) => ({
        type: 'RecordNotice' as const,
        data: {
          applicationId,
          jobId,
          obligation,
          notice: nextNotice(obligation, DEFAULT_POLICY_VERSION, now, recordedNotices(noticeRecord(log, obligationId))),
          recipients: ['recruiter-rita'],
        },
        actor: 'timer',
        now,
      }),
      { now: () => new Date(now), metadata: { actor: 'timer' } },
    );
  }

  const dueFor = async (applicationId: string, now: string) =>
    (await dueNotices(f.sql, at(now), 100)).filter((due) => due.applicationId === applicationId);

  it('finds an open obligation once its first point is reached, and not a moment before', async () => {
    const { id } = await f.writer.submit(jobId, mon('09:00'));
    await f.catchUp();
    expect(await dueFor(id, '2026-11-24T08:59:59.999Z')).toEqual([]);
    expect(await dueFor(id, tue('09:00'))).toEqual([{ applicationId: id, obligationId: 'decision:0' }]);
  });

  it('looks for the next point once a reminder is recorded, and for nothing once escalated', async () => {
    const { id } = await f.writer.submit(jobId, mon('09:00'));
    await record(id, 'decision:0', tue('09:00'));
    await f.catchUp();
    expect(await dueFor(id, tue('20:59'))).toEqual([]);
    expect(await dueFor(id, tue('21:00'))).toHaveLength(1);

    await record(id, 'decision:0', wed('10:00'));
    await f.catchUp();
    expect(await dueFor(id, '2027-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('finds nothing for an obligation met before its points', async () => {
    const { id } = await f.writer.submit(jobId, mon('09:00'));
    await f.writer.application(id, {
      type: 'MoveApplication',
      data: { toStage: 'recruiter_screen' },
      now: mon('10:00'),
    });
    await f.catchUp();
    // The move met decision:0; the next stage has no decision until an interview is held.
    expect(await dueFor(id, '2027-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('answers those waiting longest first, as many as asked for', async () => {
    const later = await f.writer.submit(jobId, mon('11:00'));
    const earlier = await f.writer.submit(jobId, mon('10:00'));
    await f.catchUp();
    const due = (await dueNotices(f.sql, at(tue('12:00')), 100)).map((d) => d.applicationId);
    expect(due.indexOf(earlier.id)).toBeLessThan(due.indexOf(later.id));
    expect(await dueNotices(f.sql, at(tue('12:00')), 1)).toHaveLength(1);
  });

  it('reaches what is due through the partial index of open obligations with a point ahead', async () => {
    const plan = await f.dataSource.transaction(async (manager) => {
      await manager.query('set local enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': unknown }[]>(`explain (format json) ${DUE_NOTICES_SQL}`, [
        new Date(),
        200,
      ]);
      return JSON.stringify(rows[0]['QUERY PLAN']);
    });
    expect(plan).toContain('obligations_next_notice');
  });
});
