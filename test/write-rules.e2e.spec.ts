import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/app';
import { pipeline } from './support/pipeline';

describe('write rules and errors over HTTP', () => {
  let t: TestApp;
  let p: ReturnType<typeof pipeline>;
  let jobId: string;
  beforeAll(async () => {
    t = await startTestApp();
    p = pipeline(t);
    jobId = await p.openJob();
  });
  afterAll(() => t.close());

  const recruiter = () => t.as('recruiter', 'rec-1');
  const post = (path: string, body?: object | string) => {
    const req = t.http().post(path).set('Authorization', recruiter());
    return typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body);
  };

  /** Whatever the request did, the stream must be as it was. */
  async function expectNothingAppended(applicationId: string, attempt: () => Promise<unknown>) {
    const before = await p.events(applicationId);
    await attempt();
    expect(await p.events(applicationId)).toEqual(before);
  }

  function expectProblem(
    response: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string },
    status: number,
  ) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
    if (status === 400) expect(response.body.errors).toEqual(expect.any(Array));
    expect(response.text).not.toMatch(/at .*\.(ts|js):\d+|select |insert |QueryFailedError/i);
  }

  describe('bad input → 400 and nothing changes', () => {
    it.each([
      ['malformed JSON', '{"toStage": '],
      ['an unknown field', { toStage: 'recruiter_screen', urgent: true }],
      ['a wrong type', { toStage: 42 }],
      ['an unknown stage', { toStage: 'phone_screen' }],
      ['a reason over 10,000 characters', { toStage: 'cto', reason: 'x'.repeat(10_001) }],
    ])('refuses a move with %s', async (_, body) => {
      const id = await p.submit(jobId);
      await expectNothingAppended(id, async () => {
        const response = await post(`/applications/${id}/move`, body);
        expectProblem(response, 400);
      });
    });

    it('names the fields at fault', async () => {
      const response = await post('/applications', { jobId: 'nope', candidate: { name: '', email: 'not-an-email' } });
      expectProblem(response, 400);
      const fields = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['jobId', 'candidate.name', 'candidate.email']));
    });

    it.each([
      [
        'an unknown kind',
        { kind: 'pair_programming', interviewerIds: ['u'], scheduledAt: '2026-11-24T10:00:00Z', durationMinutes: 30 },
      ],
      [
        'no interviewers',
        { kind: 'recruiter_call', interviewerIds: [], scheduledAt: '2026-11-24T10:00:00Z', durationMinutes: 30 },
      ],
      [
        'a time without offset',
        { kind: 'recruiter_call', interviewerIds: ['u'], scheduledAt: '2026-11-24T10:00:00', durationMinutes: 30 },
      ],
      [
        'a duration under 5 minutes',
        { kind: 'recruiter_call', interviewerIds: ['u'], scheduledAt: '2026-11-24T10:00:00Z', durationMinutes: 4 },
      ],
      [
        'a fractional duration',
        { kind: 'recruiter_call', interviewerIds: ['u'], scheduledAt: '2026-11-24T10:00:00Z', durationMinutes: 30.5 },
      ],
    ])('refuses an interview with %s', async (_, body) => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/interviews`, body), 400),
      );
    });

    it('refuses a heldAt more than five minutes in the future', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      const interviewId = await p.schedule(id, 'recruiter_call', ['u1']);
      const future = new Date(t.clock.now().getTime() + 6 * 60_000).toISOString();
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/interviews/${interviewId}/held`, { heldAt: future }), 400),
      );
      const nearFuture = new Date(t.clock.now().getTime() + 4 * 60_000).toISOString();
      await post(`/applications/${id}/interviews/${interviewId}/held`, { heldAt: nearFuture }).expect(200);
    });

    it.each([
      ['a rating of 5', { rating: 5, recommendation: 'yes' }],
      ['an unknown recommendation', { rating: 3, recommendation: 'maybe' }],
    ])('refuses a scorecard with %s', async (_, body) => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      const interviewId = await p.schedule(id, 'recruiter_call', ['rec-1']);
      await p.held(id, interviewId, '2026-11-23T08:00:00Z');
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/interviews/${interviewId}/scorecards`, body), 400),
      );
    });

    it.each([
      ['a negative salary', { salary: -1, currency: 'EUR', startDate: '2027-01-01' }],
      ['an unknown currency', { salary: 1000, currency: 'EURO', startDate: '2027-01-01' }],
      ['a start date with a time', { salary: 1000, currency: 'EUR', startDate: '2027-01-01T00:00:00Z' }],
    ])('refuses an offer with %s', async (_, body) => {
      const id = await p.submit(jobId);
      await p.move(id, 'offer', 'fast track');
      await expectNothingAppended(id, async () => expectProblem(await post(`/applications/${id}/offer`, body), 400));
    });

    it('refuses a body that is too large with 413', async () => {
      const id = await p.submit(jobId);
      expectProblem(await post(`/applications/${id}/move`, { toStage: 'cto', reason: 'x'.repeat(300_000) }), 413);
    });

    it('refuses a body that is not JSON with 415, even where every field is optional', async () => {
      const id = await p.submit(jobId);
      await expectNothingAppended(id, async () => {
        const response = await t
          .http()
          .post(`/applications/${id}/withdraw`)
          .set('Authorization', recruiter())
          .set('Content-Type', 'text/plain')
          .send('{"reason":"took another offer"}');
        expectProblem(response, 415);
      });
    });

    it.each([
      ['a NUL character', '{"toStage":"cto","reason":"a\\u0000b"}'],
      ['a lone surrogate', '{"toStage":"cto","reason":"a\\ud800b"}'],
    ])('refuses text with %s', async (_, body) => {
      const id = await p.submit(jobId);
      await expectNothingAppended(id, async () => expectProblem(await post(`/applications/${id}/move`, body), 400));
    });

    it.each(['unreject', 'offer/accept', 'offer/decline'])(
      'refuses unknown fields on %s, which takes no body',
      async (route) => {
        const id = await p.submit(jobId);
        expectProblem(await post(`/applications/${id}/${route}`, { force: true }), 400);
      },
    );

    it('refuses a start date that is not on the calendar', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'offer', 'fast track');
      expectProblem(
        await post(`/applications/${id}/offer`, { salary: 1000, currency: 'EUR', startDate: '2027-02-31' }),
        400,
      );
    });

    it('refuses an If-Match that is not a version', async () => {
      const id = await p.submit(jobId);
      expectProblem(
        await post(`/applications/${id}/move`, { toStage: 'recruiter_screen' }).set('If-Match', 'yesterday'),
        400,
      );
    });
  });

  describe('unknown ids → 404', () => {
    it.each([
      [
        'an application',
        () => t.http().get('/applications/5b0e8a8e-6b9e-4a59-9d4e-1d3c2f5e9a10').set('Authorization', recruiter()),
      ],
      ['a malformed application id', () => t.http().get('/applications/not-a-uuid').set('Authorization', recruiter())],
      [
        'a job to apply to',
        () =>
          post('/applications', {
            jobId: '5b0e8a8e-6b9e-4a59-9d4e-1d3c2f5e9a10',
            candidate: { name: 'A', email: 'a@b.co' },
          }),
      ],
      ['a route', () => t.http().get('/nowhere').set('Authorization', recruiter())],
    ])('%s', async (_, request) => expectProblem(await request(), 404));

    it('an application written to with If-Match', async () => {
      const response = await post('/applications/5b0e8a8e-6b9e-4a59-9d4e-1d3c2f5e9a10/move', {
        toStage: 'cto',
        reason: 'x',
      }).set('If-Match', '"0"');
      expectProblem(response, 404);
    });

    it('an interview of an existing application', async () => {
      const id = await p.submit(jobId);
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/interviews/5b0e8a8e-6b9e-4a59-9d4e-1d3c2f5e9a10/no-show`), 404),
      );
    });
  });

  describe('pipeline rules → 409 and nothing changes', () => {
    it('refuses to skip a stage without a reason, and allows it with one', async () => {
      const id = await p.submit(jobId);
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/move`, { toStage: 'cto' }), 409),
      );
      await post(`/applications/${id}/move`, { toStage: 'cto', reason: 'strong referral' }).expect(200);
    });

    it('refuses to move to the stage the application is in', async () => {
      const id = await p.submit(jobId);
      expectProblem(await post(`/applications/${id}/move`, { toStage: 'applied', reason: 'again' }), 409);
    });

    it('refuses to move on while an interview is still scheduled', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      const interviewId = await p.schedule(id, 'recruiter_call', ['u1']);
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/move`, { toStage: 'manager_interviews' }), 409),
      );
      await post(`/applications/${id}/interviews/${interviewId}/cancel`).expect(200);
      await p.move(id, 'manager_interviews');
    });

    it('refuses an interview kind of another stage with 409', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      const body = {
        kind: 'live_coding',
        interviewerIds: ['u'],
        scheduledAt: '2026-11-24T10:00:00Z',
        durationMinutes: 60,
      };
      await expectNothingAppended(id, async () =>
        expectProblem(await post(`/applications/${id}/interviews`, body), 409),
      );
    });

    it('refuses a second scorecard from the same interviewer', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      const interviewId = await p.schedule(id, 'recruiter_call', ['int-1']);
      await p.held(id, interviewId, '2026-11-23T08:00:00Z');
      await p.scorecard(id, interviewId, 'int-1');
      const again = await t
        .http()
        .post(`/applications/${id}/interviews/${interviewId}/scorecards`)
        .set('Authorization', t.as('interviewer', 'int-1'))
        .send({ rating: 1, recommendation: 'no' });
      expectProblem(again, 409);
    });

    it('refuses to act on a rejected application until it is unrejected into its stage', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'recruiter_screen');
      await post(`/applications/${id}/reject`, { reasonCode: 'skills_gap' }).expect(200);
      expectProblem(await post(`/applications/${id}/move`, { toStage: 'manager_interviews' }), 409);
      expectProblem(await post(`/applications/${id}/withdraw`), 409);
      await post(`/applications/${id}/unreject`).expect(200);
      expect(await p.get(id)).toMatchObject({ status: 'active', stage: 'recruiter_screen' });
      expectProblem(await post(`/applications/${id}/unreject`), 409);
    });

    it('keeps a declined offer on record and lets a new one be extended', async () => {
      const id = await p.submit(jobId);
      await p.move(id, 'offer', 'internal transfer');
      expectProblem(await post(`/applications/${id}/offer/accept`), 409);
      await post(`/applications/${id}/offer`, { salary: 90000, currency: 'EUR', startDate: '2027-02-01' }).expect(201);
      expectProblem(
        await post(`/applications/${id}/offer`, { salary: 91000, currency: 'EUR', startDate: '2027-02-01' }),
        409,
      );
      await post(`/applications/${id}/offer/decline`).expect(200);
      expect(await p.get(id)).toMatchObject({ status: 'active', stage: 'offer', offer: { status: 'declined' } });
      await post(`/applications/${id}/offer`, { salary: 95000, currency: 'EUR', startDate: '2027-02-01' }).expect(201);
    });

    it('records references only in the references stage', async () => {
      const id = await p.submit(jobId);
      const body = { refereeName: 'Grace', relationship: 'manager', outcome: 'mixed' };
      expectProblem(await post(`/applications/${id}/references`, body), 409);
      await p.move(id, 'references', 'senior hire');
      await post(`/applications/${id}/references`, body).expect(201);
    });

    it('refuses a second active application for the same email and job, naming the first', async () => {
      const first = await p.submit(jobId, 'Grace@Example.com');
      const response = await post('/applications', { jobId, candidate: { name: 'Grace', email: 'grace@example.COM' } });
      expectProblem(response, 409);
      expect(response.body.existingApplicationId).toBe(first);

      await post(`/applications/${first}/withdraw`, { reason: 'took another offer' }).expect(200);
      await p.submit(jobId, 'grace@example.com');
    });

    it('refuses applications to a closed job', async () => {
      const closed = await p.openJob('Closed role');
      await post(`/jobs/${closed}/close`).expect(200);
      expectProblem(await post('/applications', { jobId: closed, candidate: { name: 'A', email: 'a@b.co' } }), 409);
      expect((await t.http().get(`/jobs/${closed}`).set('Authorization', recruiter()).expect(200)).body).toMatchObject({
        status: 'closed',
      });
    });
  });

  describe('erasure', () => {
    it('erases the candidate’s personal data and free text, keeping the facts', async () => {
      const id = await p.submit(jobId, 'erase.me@example.com', 'Erase Me');
      await post(`/applications/${id}/reject`, { reasonCode: 'skills_gap', note: 'Erase Me lacked depth' }).expect(200);
      await t.http().delete(`/applications/${id}/candidate`).set('Authorization', t.as('admin')).expect(204);

      const app = await p.get(id);
      expect(app.candidate).toEqual({ name: null, email: null, phone: null });
      expect(app).toMatchObject({ status: 'rejected', stage: 'applied' });
      expect(JSON.stringify(app)).not.toMatch(/Erase Me|erase\.me/i);
      expect(JSON.stringify(await p.events(id))).not.toMatch(/Erase Me|erase\.me/i);
      const database = t.app.get(DataSource);
      const [row] = await database.query('select name, email, phone from candidates where application_id = $1', [id]);
      expect(row).toEqual({ name: null, email: null, phone: null });
      // Not hidden but gone: the free text is unreadable in the event log itself.
      const stored = await database.query('select data from event_store.events where stream_id = $1', [
        `application-${id}`,
      ]);
      expect(stored.length).toBeGreaterThan(1);
      expect(JSON.stringify(stored)).not.toMatch(/Erase Me|erase\.me/i);
      await t.http().delete(`/applications/${id}/candidate`).set('Authorization', t.as('admin')).expect(204);
    });
  });
});
