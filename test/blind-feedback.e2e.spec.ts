import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

interface Scorecard {
  interviewerId: string;
  notes: string | null;
}
interface Interview {
  id: string;
  scorecards: Scorecard[];
}
interface HistoryEntry {
  type: string;
  data: Record<string, unknown>;
}

/**
 * SPEC §4 additions: an interviewer sees another interviewer's scorecard of an interview only once
 * their own for that interview is in, so that nobody's feedback is shaped by someone else's.
 */
describe('blind feedback', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let applicationId: string;
  let panel: string;
  let otherPanel: string;

  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    applicationId = await p.submit(await p.openJob());
    await p.move(applicationId, 'technical', 'strong referral');
    panel = await p.schedule(applicationId, 'system_design', ['int-ana', 'int-bo']);
    otherPanel = await p.schedule(applicationId, 'live_coding', ['int-bo', 'int-cy']);
    await p.held(applicationId, panel, '2026-11-23T08:00:00Z');
    await p.held(applicationId, otherPanel, '2026-11-23T08:30:00Z');
    await scorecard(panel, 'int-bo', 'Bo: solid on trade-offs');
    await scorecard(otherPanel, 'int-cy', 'Cy: fast and careful');
  });
  afterAll(() => t.close());

  async function scorecard(interviewId: string, interviewer: string, notes: string) {
    await t
      .http()
      .post(`/applications/${applicationId}/interviews/${interviewId}/scorecards`)
      .set('Authorization', t.as('interviewer', interviewer))
      .send({ rating: 3, recommendation: 'yes', notes })
      .expect(201);
  }
  const view = async (auth: string) =>
    (await t.http().get(`/applications/${applicationId}`).set('Authorization', auth).expect(200)).body as {
      interviews: Interview[];
    };
  const history = async (auth: string) =>
    (await t.http().get(`/applications/${applicationId}/events`).set('Authorization', auth).expect(200))
      .body as HistoryEntry[];
  const scorecardsOf = (app: { interviews: Interview[] }, interviewId: string) =>
    app.interviews.find((interview) => interview.id === interviewId)!.scorecards;
  const submittedEvents = (entries: HistoryEntry[], interviewId: string) =>
    entries.filter((e) => e.type === 'ScorecardSubmitted' && e.data.interviewId === interviewId).map((e) => e.data);
  const ana = () => t.as('interviewer', 'int-ana');

  describe('before the caller’s own scorecard is in', () => {
    it('leaves the other interviewer’s scorecard out of the application', async () =>
      expect(scorecardsOf(await view(ana()), panel)).toEqual([]));

    it('shows only who submitted in the history, not what they wrote', async () => {
      const entries = await history(ana());
      expect(submittedEvents(entries, panel)).toEqual([{ interviewId: panel, interviewerId: 'int-bo' }]);
      expect(JSON.stringify(entries)).not.toContain('Bo: solid');
    });

    it('lets the interviewer who did submit see their own', async () =>
      expect(scorecardsOf(await view(t.as('interviewer', 'int-bo')), panel)).toEqual([
        expect.objectContaining({ interviewerId: 'int-bo', notes: 'Bo: solid on trade-offs' }),
      ]));

    it('hides nothing from the roles that decide, whether or not they interviewed', async () => {
      expect(scorecardsOf(await view(t.as('recruiter', 'rec-1')), panel)).toHaveLength(1);
      expect(scorecardsOf(await view(t.as('hiring_manager', 'int-ana')), panel)).toHaveLength(1);
      expect(submittedEvents(await history(t.as('admin')), panel)).toEqual([
        expect.objectContaining({ interviewerId: 'int-bo', rating: 3, notes: 'Bo: solid on trade-offs' }),
      ]);
    });
  });

  describe('once the caller’s own scorecard is in', () => {
    beforeAll(() => scorecard(panel, 'int-ana', 'Ana: clear communicator'));

    it('shows every scorecard of that interview', async () =>
      expect(scorecardsOf(await view(ana()), panel).map((card) => card.notes)).toEqual([
        'Bo: solid on trade-offs',
        'Ana: clear communicator',
      ]));

    it('shows their events in full in the history', async () =>
      expect(submittedEvents(await history(ana()), panel)).toEqual([
        expect.objectContaining({
          interviewerId: 'int-bo',
          rating: 3,
          recommendation: 'yes',
          notes: 'Bo: solid on trade-offs',
        }),
        expect.objectContaining({ interviewerId: 'int-ana', notes: 'Ana: clear communicator' }),
      ]));

    it('still hides the scorecards of an interview the caller has none in', async () => {
      expect(scorecardsOf(await view(ana()), otherPanel)).toEqual([]);
      expect(submittedEvents(await history(ana()), otherPanel)).toEqual([
        { interviewId: otherPanel, interviewerId: 'int-cy' },
      ]);
      expect(scorecardsOf(await view(t.as('interviewer', 'int-bo')), otherPanel)).toEqual([]);
    });
  });
});
