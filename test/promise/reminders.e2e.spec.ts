import { type Receiver, startReceiver, verified, webhooks } from '../webhooks/support';
import { type TestApp, TestClock, startTestApp } from '../support/app';
import { hoursBefore, promises, until } from './support';

/*
 * SPEC §6 end to end: an interview recorded as held 30 hours ago, on a job whose recruiter is Ana
 * and whose hiring manager is Max. The default policy (48 calendar hours, reminders at 0.5 and
 * 0.75) puts the half-way point 24 hours after the interview — already past — and three quarters at
 * 36 hours — not yet. The clock stands at the real time (a receiver checks a signature's timestamp
 * against its own) and moves only when the test moves it.
 */
describe('reminders and escalation, end to end', () => {
  let t: TestApp;
  let hook: Receiver;
  let secret: string;
  let jobId: string;
  let applicationId: string;
  let writtenVersion: number;
  const interviewer = () => t.as('interviewer', 'int-1');
  const manager = () => t.as('hiring_manager', 'hm-max');

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, new TestClock(new Date()));
    hook = await startReceiver(() => 200);
    ({ secret } = await webhooks(t).create({ url: hook.url, events: ['sla.reminder', 'sla.escalated'] }));
    jobId = await promises(t).openJobWithTeam(['rec-ana'], ['hm-max']);
  });
  afterAll(async () => {
    await t.close();
    await hook.close();
  });

  it('records the half-way reminders of an interview held 30 hours ago within seconds, and shows them', async () => {
    const s = promises(t);
    const now = t.clock.now();
    const started = Date.now();
    const held = await s.heldCall(jobId, ['int-1'], hoursBefore(now, 30));
    ({ applicationId } = held);
    writtenVersion = held.version;

    const scorecard = await until('the scorecard’s reminder', async () => {
      const found = await s.obligation(applicationId, 'scorecard');
      return found.reminders.length > 0 && found;
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(scorecard).toMatchObject({
      owners: ['int-1'],
      escalated: false,
      escalatedAt: null,
      reminders: [{ fraction: 0.5, at: now.toISOString(), recipients: ['int-1'] }],
    });
    const decision = await until('the decision’s reminder', async () => {
      const found = await s.obligation(applicationId, 'decision');
      return found.reminders.length > 0 && found;
    });
    expect(decision).toMatchObject({ owners: ['rec-ana'], reminders: [{ fraction: 0.5, recipients: ['rec-ana'] }] });
    // Only the latest point already past is recorded, and three quarters is not reached yet.
    expect((await s.notices(applicationId)).sort()).toEqual([
      'ObligationReminderRecorded decision 0.5 rec-ana',
      'ObligationReminderRecorded scorecard 0.5 int-1',
    ]);
  });

  it('shows the reminder in the interviewer’s inbox', async () => {
    const items = await until('the reminder in the inbox', async () => {
      const found = await promises(t).inbox(interviewer());
      return found.some((item) => item.reminders.length > 0) && found;
    });
    expect(items).toEqual([
      expect.objectContaining({
        applicationId,
        kind: 'scorecard',
        dueInHours: 18,
        escalated: false,
        reminders: [expect.objectContaining({ fraction: 0.5, recipients: ['int-1'] })],
      }),
    ]);
  });

  it('sends each reminder to the registered receiver, signed', async () => {
    const received = await until('both reminders delivered', () => hook.received.length >= 2 && hook.received);
    const bodies = received.map((request) => verified(secret, request));
    expect(bodies.map((body) => [body.type, body.data.kind, body.data.fraction, body.data.recipients]).sort()).toEqual([
      ['sla.reminder', 'decision', 0.5, ['rec-ana']],
      ['sla.reminder', 'scorecard', 0.5, ['int-1']],
    ]);
    expect(bodies[0].data).toMatchObject({ applicationId, jobId, candidateName: 'Ada Lovelace' });
  });

  it('escalates each breach once at its due time, to the owners and the job’s hiring managers and recruiters', async () => {
    const s = promises(t);
    t.clock.advance(19);
    await until('both escalations', async () => {
      const all = await s.obligations(applicationId);
      return all.filter((o) => o.escalated).length === 2;
    });
    // The three-quarter reminders were overtaken by the escalations: only the latest point is recorded.
    expect((await s.notices(applicationId)).sort()).toEqual([
      'ObligationEscalated decision - rec-ana+hm-max',
      'ObligationEscalated scorecard - int-1+hm-max+rec-ana',
      'ObligationReminderRecorded decision 0.5 rec-ana',
      'ObligationReminderRecorded scorecard 0.5 int-1',
    ]);
    const escalated = await until('both escalations delivered', () => {
      const types = hook.received.map((request) => JSON.parse(request.body).type);
      return types.filter((type) => type === 'sla.escalated').length === 2;
    });
    expect(escalated).toBe(true);
  });

  it('marks the breaches escalated on the breach list and in the inbox of a hiring manager who owns nothing', async () => {
    const breaches = await until('escalated breaches', async () => {
      const { body } = await t.http().get(`/sla/breaches?jobId=${jobId}`).set('Authorization', manager()).expect(200);
      return body.items.length === 2 && body.items.every((item: { escalated: boolean }) => item.escalated) && body;
    });
    expect(breaches.items.map((item: { kind: string; owners: string[] }) => [item.kind, item.owners]).sort()).toEqual([
      ['decision', ['rec-ana']],
      ['scorecard', ['int-1']],
    ]);
    const inbox = await promises(t).inbox(manager());
    expect(inbox.map((item) => [item.kind, item.escalated, item.dueInHours < 0]).sort()).toEqual([
      ['decision', true, true],
      ['scorecard', true, true],
    ]);
  });

  it('leaves the application’s version alone, so a write conditional on the one read before still applies', async () => {
    const s = promises(t);
    expect((await s.get(applicationId)).version).toBe(writtenVersion);
    const response = await t
      .http()
      .post(`/applications/${applicationId}/candidate-updates`)
      .set('Authorization', t.as('recruiter', 'rec-ana'))
      .set('If-Match', `"${writtenVersion}"`)
      .send({ channel: 'email' });
    expect(response.status).toBe(201);
  });
});
