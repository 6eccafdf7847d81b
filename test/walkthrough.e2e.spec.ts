import { startTestApp, TestApp } from './support/app';
import { pipeline } from './support/pipeline';

describe('one candidate from application to hire', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('goes through every stage and ends hired, with every step in the history', async () => {
    const p = pipeline(t);
    const jobId = await p.openJob();
    const id = await p.submit(jobId, 'Ada@Example.com');

    let app = await p.get(id);
    expect(app).toMatchObject({
      id,
      jobId,
      status: 'active',
      stage: 'applied',
      version: 0,
      candidate: { name: 'Ada Lovelace', email: 'Ada@Example.com' },
    });
    expect(app.obligations).toEqual([
      expect.objectContaining({
        kind: 'decision',
        stage: 'applied',
        startedAt: '2026-11-23T09:00:00.000Z',
        dueAt: '2026-11-25T09:00:00.000Z',
      }),
    ]);

    await p.move(id, 'recruiter_screen');
    const screen = await p.schedule(id, 'recruiter_call', ['rec-1']);
    await p.held(id, screen, '2026-11-23T08:30:00Z');
    await p.scorecard(id, screen, 'rec-1');
    await p.move(id, 'manager_interviews');
    const managers = await p.schedule(id, 'engineering_managers', ['em-1', 'em-2']);
    await p.held(id, managers, '2026-11-23T08:45:00Z');
    await p.move(id, 'technical');
    const design = await p.schedule(id, 'system_design', ['eng-1']);
    const coding = await p.schedule(id, 'live_coding', ['eng-2']);
    await p.held(id, design, '2026-11-23T08:50:00Z');
    await p.held(id, coding, '2026-11-23T08:55:00Z');
    await p.move(id, 'cto');
    const cto = await p.schedule(id, 'cto_meeting', ['cto']);
    await p.held(id, cto, '2026-11-23T08:58:00Z');
    await p.move(id, 'references');
    await p.post(
      `/applications/${id}/references`,
      { refereeName: 'Grace Hopper', relationship: 'former manager', outcome: 'positive' },
      201,
    );
    await p.move(id, 'offer');
    await p.post(`/applications/${id}/offer`, { salary: 95000, currency: 'EUR', startDate: '2027-01-15' }, 201);
    const accepted = await p.post(`/applications/${id}/offer/accept`, undefined, 200);

    app = await p.get(id);
    expect(app).toMatchObject({
      status: 'hired',
      stage: 'offer',
      version: accepted.version,
      offer: { status: 'accepted', salary: 95000 },
    });
    expect(accepted).toEqual({ id, version: expect.any(Number), position: expect.any(Number) });
    const types = (await p.events(id)).map((e) => e.type);
    expect(types[0]).toBe('ApplicationSubmitted');
    expect(types.at(-1)).toBe('OfferAccepted');
    expect(types.filter((type) => type === 'StageChanged')).toHaveLength(6);
    // Scorecards still owed by the interviewers who have not sent theirs.
    expect(
      app.obligations.filter(
        (o: { kind: string; satisfiedAt: string | null }) => o.kind === 'scorecard' && !o.satisfiedAt,
      ),
    ).toHaveLength(5);
  });
});
