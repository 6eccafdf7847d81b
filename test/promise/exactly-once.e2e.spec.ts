import { type TestApp, TestClock, startTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { hoursBefore, promises, until } from './support';

/*
 * SPEC §6: each reminder and escalation is recorded exactly once per obligation and point, whatever
 * the number of processes and restarts. The timers are data in the read model and every notice is
 * appended at the revision its decision read, so two processes (which on PGlite both lead: advisory
 * locks exclude nobody there) and a restart in the middle record nothing twice.
 */
describe('each notice exactly once', () => {
  let database: TestDatabase;
  let clock: TestClock;
  const running: TestApp[] = [];
  const start = async () => {
    const app = await startTestApp({}, clock, { databaseUrl: database.url });
    running.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    running.splice(running.indexOf(app), 1);
    await app.close();
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    clock = new TestClock(new Date('2026-11-25T12:00:00Z'));
  });
  afterEach(async () => {
    for (const app of [...running]) await stop(app);
    await database.drop();
  });

  it('records each reminder and escalation once with two API processes on one database', async () => {
    const [a, b] = [await start(), await start()];
    const jobId = await promises(a).openJobWithTeam(['rec-ana'], ['hm-max']);
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      const writer = promises(n % 2 === 0 ? a : b);
      ids.push((await writer.heldCall(jobId, [`int-${n}`], hoursBefore(clock.now(), 30))).applicationId);
    }
    const notices = async () => Promise.all(ids.map((id) => promises(a).notices(id)));
    await until('every reminder', async () => (await notices()).every((recorded) => recorded.length === 2));

    clock.advance(19);
    await until('every escalation', async () => (await notices()).every((recorded) => recorded.length === 4));
    for (const [n, recorded] of (await notices()).entries()) {
      expect(recorded.sort()).toEqual([
        'ObligationEscalated decision - rec-ana+hm-max',
        `ObligationEscalated scorecard - int-${n}+hm-max+rec-ana`,
        'ObligationReminderRecorded decision 0.5 rec-ana',
        `ObligationReminderRecorded scorecard 0.5 int-${n}`,
      ]);
    }
    // Both processes show the same, each from its own read of the streams and its own read model.
    const seen = await promises(b).obligation(ids[0], 'scorecard');
    expect(seen).toMatchObject({ escalated: true, reminders: [expect.objectContaining({ fraction: 0.5 })] });
  });

  it('records a reminder that fell due while the service was down once, after the restart', async () => {
    const before = await start();
    const jobId = await promises(before).openJobWithTeam(['rec-ana'], []);
    // Held 20 hours ago: the half-way point is 4 hours ahead.
    const { applicationId, position } = await promises(before).heldCall(jobId, ['int-1'], hoursBefore(clock.now(), 20));
    await before
      .http()
      .get(`/me/obligations?minPosition=${position}`)
      .set('Authorization', before.as('viewer'))
      .expect(200);
    expect(await promises(before).notices(applicationId)).toEqual([]);
    await stop(before);

    clock.advance(5);
    const after = await start();
    const s = promises(after);
    await until('the reminder', async () => (await s.notices(applicationId)).length === 2);
    // Past the due time, the escalations come next: what was recorded before them stays recorded once.
    clock.advance(24);
    await until('the escalations', async () => (await s.notices(applicationId)).length === 4);
    expect((await s.notices(applicationId)).sort()).toEqual([
      'ObligationEscalated decision - rec-ana',
      'ObligationEscalated scorecard - int-1+rec-ana',
      'ObligationReminderRecorded decision 0.5 rec-ana',
      'ObligationReminderRecorded scorecard 0.5 int-1',
    ]);
  });

  it('records nothing for an obligation met or cancelled before its points', async () => {
    const app = await start();
    const s = promises(app);
    const jobId = await s.openJobWithTeam(['rec-ana'], []);
    const met = await s.heldCall(jobId, ['int-1'], hoursBefore(clock.now(), 20));
    await s.scorecard(met.applicationId, met.interviewId, 'int-1');
    await s.move(met.applicationId, 'manager_interviews');
    const withdrawn = await s.heldCall(jobId, ['int-2'], hoursBefore(clock.now(), 20));
    await s.post(`/applications/${withdrawn.applicationId}/withdraw`, {}, 200);
    // An hour younger and left open: its escalation is the last point of all, and the timer takes
    // what is due oldest first, so once it is recorded every earlier point has had its turn.
    const open = await s.heldCall(jobId, ['int-3'], hoursBefore(clock.now(), 19));

    clock.advance(40);
    await until('the open scorecard escalated', async () =>
      (await s.notices(open.applicationId)).includes('ObligationEscalated scorecard - int-3+rec-ana'),
    );
    expect(await s.notices(met.applicationId)).toEqual([]);
    // A withdrawal cancels the decision; the scorecard is still owed for the record, and escalated.
    expect(await s.notices(withdrawn.applicationId)).toEqual(['ObligationEscalated scorecard - int-2+rec-ana']);
  });
});
