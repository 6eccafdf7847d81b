import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@app/event-store/postgres/postgres-event-store';
import { aggregateStream, handleCommand } from '@app/event-store';
import {
  type ApplicationCommand,
  applicationAggregate,
  type CommandRequest,
  jobAggregate,
  type NoticeEvent,
  noticesAggregate,
  slaPolicyAggregate,
} from '@app/hiring';
import { type TestDatabase, createTestDatabase } from '@test/support/database';
import { type DueObligation, ReminderTimer } from './reminder-timer';

/**
 * The timer against a real event store. Which obligations are due comes from the read model in
 * production; here the test names them, so what is proved is the timer's own rule: record what
 * the events say is due, once.
 */
describe('the reminder timer', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let clock = new Date('2026-11-23T09:00:00.000Z');
  const now = () => clock;
  /** The versions as the log records them: none here, so the defaults of SPEC §3 judge. */
  const policy = async () => (await aggregateStream(store, slaPolicyAggregate, '')).state;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await PostgresEventStore.open({ connectionString: database.url, poolSize: 4 });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const meta = { now: () => clock, metadata: { actor: 'test' } };
  const apply = (id: string, request: CommandRequest<ApplicationCommand>, at: string) =>
    handleCommand(
      store,
      applicationAggregate,
      id,
      () => ({ ...request, actor: 'rec-1', now: at }) as ApplicationCommand,
      meta,
    );

  /** A job whose recruiter is rec-1 and hiring manager hm-1, and an application submitted at `at`. */
  async function submitted(at: string): Promise<string> {
    const jobId = randomUUID();
    await handleCommand(
      store,
      jobAggregate,
      jobId,
      () => ({
        type: 'OpenJob' as const,
        data: { jobId, title: 'Engineer', department: null, recruiterIds: ['rec-1'], hiringManagerIds: ['hm-1'] },
        actor: 'rec-1',
        now: at,
      }),
      meta,
    );
    const applicationId = randomUUID();
    await apply(applicationId, { type: 'SubmitApplication', data: { applicationId, jobId, source: null } }, at);
    return applicationId;
  }

  const notices = async (applicationId: string) =>
    (await store.readStream(`sla-notices-${applicationId}`)).map((e) => noticesAggregate.parse(e) as NoticeEvent);
  const timer = (due: DueObligation[]) => new ReminderTimer(store, async () => due, policy, { now });

  it('reminds the owners at half of the target, once however often it looks', async () => {
    const id = await submitted('2026-11-23T09:00:00.000Z');
    clock = new Date('2026-11-24T09:00:05.000Z');
    const due = [{ applicationId: id, obligationId: 'decision:0' }];
    expect(await timer(due).tick()).toBe(1);
    expect(await timer(due).tick()).toBe(0);
    expect(await notices(id)).toEqual([
      {
        type: 'ObligationReminderRecorded',
        data: expect.objectContaining({
          obligationId: 'decision:0',
          kind: 'decision',
          stage: 'applied',
          fraction: 0.5,
          at: '2026-11-24T09:00:05.000Z',
          dueAt: '2026-11-25T09:00:00.000Z',
          recipients: ['rec-1'],
        }),
      },
    ]);
  });

  it('records nothing before a point is reached', async () => {
    const id = await submitted('2026-11-23T09:00:00.000Z');
    clock = new Date('2026-11-24T08:59:00.000Z');
    expect(await timer([{ applicationId: id, obligationId: 'decision:0' }]).tick()).toBe(0);
    expect(await notices(id)).toEqual([]);
  });

  it('records only the escalation when every point is already past, to the owners and the hiring managers', async () => {
    const id = await submitted('2026-11-23T09:00:00.000Z');
    clock = new Date('2026-11-26T12:00:00.000Z');
    expect(await timer([{ applicationId: id, obligationId: 'decision:0' }]).tick()).toBe(1);
    expect((await notices(id)).map((n) => [n.type, n.data.recipients])).toEqual([
      ['ObligationEscalated', ['rec-1', 'hm-1']],
    ]);
  });

  it('records nothing for an obligation already met', async () => {
    const id = await submitted('2026-11-23T09:00:00.000Z');
    await apply(
      id,
      { type: 'MoveApplication', data: { toStage: 'recruiter_screen', reason: null } },
      '2026-11-23T10:00:00.000Z',
    );
    clock = new Date('2026-11-26T12:00:00.000Z');
    expect(await timer([{ applicationId: id, obligationId: 'decision:0' }]).tick()).toBe(0);
    expect(await notices(id)).toEqual([]);
  });

  it('records each notice once when many timers race for it', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => submitted('2026-11-23T09:00:00.000Z')));
    clock = new Date('2026-11-24T22:00:00.000Z');
    const due = ids.map((applicationId) => ({ applicationId, obligationId: 'decision:0' }));
    const counts = await Promise.all(Array.from({ length: 6 }, () => timer(due).tick()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length);
    for (const id of ids) {
      const log = (await aggregateStream(store, noticesAggregate, id)).state;
      expect(log['decision:0'].reminders.map((r) => r.fraction)).toEqual([0.75]);
    }
  });

  it('leaves the application’s own stream, and so its version, untouched', async () => {
    const id = await submitted('2026-11-23T09:00:00.000Z');
    clock = new Date('2026-11-24T22:00:00.000Z');
    await timer([{ applicationId: id, obligationId: 'decision:0' }]).tick();
    expect((await aggregateStream(store, applicationAggregate, id)).version).toBe(0);
  });

  it('works through a backlog larger than a round without pausing between rounds', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => submitted('2026-11-23T09:00:00.000Z')));
    clock = new Date('2026-11-24T09:30:00.000Z');
    let rounds = 0;
    // A read model that forgets what was recorded: each round answers what is still unrecorded.
    const due = async (_: Date, limit: number) => {
      rounds += 1;
      const open: DueObligation[] = [];
      for (const applicationId of ids)
        if ((await notices(applicationId)).length === 0) open.push({ applicationId, obligationId: 'decision:0' });
      return open.slice(0, limit);
    };
    const abort = new AbortController();
    const running = new ReminderTimer(store, due, policy, { now, pollMs: 600_000, batchSize: 2 }).run(abort.signal);
    for (;;) {
      const recorded = await Promise.all(ids.map(notices));
      if (recorded.every((list) => list.length === 1)) break;
      // Without the backlog rule the third round would wait ten minutes: the test would time out.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    abort.abort();
    await running;
    expect(rounds).toBeGreaterThanOrEqual(3);
  });
});
