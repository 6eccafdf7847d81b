import { SlaReminders } from '@app/platform/notifications';
import { type TestApp, TestClock, startTestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { until } from './support';

/** Where SPEC §6's reminders are recorded: where the projections run, by one process at a time. */
describe('where reminders are recorded', () => {
  it('records from the API while it runs the projections, and stops before it shuts down', async () => {
    const t = await startTestApp();
    const reminders = t.app.get(SlaReminders);
    await until('the API to lead', () => reminders.role === 'leader');
    await t.close();
    expect(reminders.role).toBe('stopped');
  });

  it('leaves them to the projections’ process when the API runs without projections', async () => {
    const t = await startTestApp({ PROJECTIONS: 'off' });
    try {
      expect(t.app.get(SlaReminders).role).toBe('stopped');
    } finally {
      await t.close();
    }
  });

  // PGlite serves every connection from one session: advisory locks there exclude nobody.
  const onRealPostgres = process.env.DATABASE_URL ? it : it.skip;

  onRealPostgres('lets one process lead while another stands by, which takes over when it stops', async () => {
    const database = await createTestDatabase();
    const clock = new TestClock();
    const apps: TestApp[] = [];
    try {
      apps.push(await startTestApp({}, clock, { databaseUrl: database.url }));
      await until('the first to lead', () => apps[0].app.get(SlaReminders).role === 'leader');
      apps.push(await startTestApp({}, clock, { databaseUrl: database.url }));
      const second = apps[1].app.get(SlaReminders);
      await until('the second to stand by', () => second.role === 'standby');
      await apps.shift()!.close();
      await until('the second to take over', () => second.role === 'leader');
    } finally {
      for (const app of apps) await app.close();
      await database.drop();
    }
  });
});
