import { startTestApp, type TestApp } from '../support/app';
import { policyApi } from './support';

/** PUT /sla/policy: a new version each time, checked field by field, defaults never inherited. */
describe('versions of the SLA policy', () => {
  let t: TestApp;
  let api: ReturnType<typeof policyApi>;
  beforeAll(async () => {
    t = await startTestApp();
    api = policyApi(t);
  });
  afterAll(() => t.close());

  it('answers a change with the new version, normalised, and lists every version oldest first', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const body = await api.put({
      effectiveFrom: '2026-11-20T00:00:00+01:00',
      targets: { decision: { hours: 72, byStage: { references: 96 } }, scheduling: { hours: 24 } },
      calendar: { timeZone: 'Europe/Belgrade', holidays: ['2026-12-25'] },
      reminders: [0.8],
    });
    expect(body).toEqual({
      version: 2,
      effectiveFrom: '2026-11-19T23:00:00.000Z',
      targets: {
        decision: { hours: 72, byStage: { references: 96 } },
        scorecard: { hours: 48, byStage: {} },
        scheduling: { hours: 24, byStage: {} },
      },
      calendar: {
        type: 'calendar',
        timeZone: 'Europe/Belgrade',
        workingHours: expect.objectContaining({ mon: [['00:00', '24:00']] }),
        holidays: ['2026-12-25'],
      },
      reminders: [0.8],
      changedAt: '2026-11-23T09:00:00.000Z',
      changedBy: 'admin-1',
      applied: false,
      position: expect.any(Number),
    });
    expect((await api.history()).map((v) => v.version)).toEqual([1, 2]);
    expect(await api.current()).toMatchObject({ version: 2, targets: { decision: { hours: 72 } } });
  });

  it('gives every field a PUT leaves out the defaults of SPEC §3, not the previous version’s values', async () => {
    await api.put({ targets: { decision: { hours: 12 }, scheduling: { hours: 8 } }, reminders: [0.25] });
    const body = await api.put({});
    expect(body).toMatchObject({
      targets: {
        decision: { hours: 48, byStage: {} },
        scorecard: { hours: 48, byStage: {} },
        scheduling: { hours: null, byStage: {} },
      },
      calendar: { type: 'calendar', timeZone: 'Europe/Belgrade', holidays: [] },
      reminders: [0.5, 0.75],
    });
  });

  it('makes a change without effectiveFrom effective from the time of the change', async () => {
    t.clock.set('2026-11-24T10:30:00Z');
    expect(await api.put({})).toMatchObject({ effectiveFrom: '2026-11-24T10:30:00.000Z' });
  });

  it('answers the version in force now, not the latest recorded, while a later one waits for its effectiveFrom', async () => {
    t.clock.set('2026-11-25T09:00:00Z');
    const future = await api.put({ effectiveFrom: '2026-12-01T00:00:00Z', targets: { scorecard: { hours: 24 } } });
    expect((await api.current()).version).toBe(future.version - 1);
    t.clock.set('2026-12-01T00:00:00Z');
    expect((await api.current()).version).toBe(future.version);
  });

  describe.each([
    ['an unknown stage', { targets: { decision: { byStage: { onsite: 24 } } } }, 'targets.decision.byStage.onsite'],
    [
      'a stage where the kind never arises',
      { targets: { scorecard: { byStage: { applied: 24 } } } },
      'targets.scorecard.byStage.applied',
    ],
    ['zero hours', { targets: { scorecard: { hours: 0 } } }, 'targets.scorecard.hours'],
    ['negative hours in a stage', { targets: { decision: { byStage: { cto: -4 } } } }, 'targets.decision.byStage.cto'],
    ['hours as text', { targets: { decision: { hours: '48' } } }, 'targets.decision.hours'],
    ['decisions switched off', { targets: { decision: { hours: null } } }, 'targets.decision.hours'],
    ['an unknown kind', { targets: { feedback: { hours: 4 } } }, 'targets.feedback'],
    [
      'overlapping working hours',
      {
        calendar: {
          type: 'business',
          workingHours: {
            fri: [
              ['09:00', '13:00'],
              ['12:00', '17:00'],
            ],
          },
        },
      },
      'calendar.workingHours.fri[1]',
    ],
    [
      'malformed working hours',
      { calendar: { type: 'business', workingHours: { mon: [['9am', '17:00']] } } },
      'calendar.workingHours.mon[0][0]',
    ],
    [
      'working hours that end before they start',
      { calendar: { type: 'business', workingHours: { mon: [['17:00', '09:00']] } } },
      'calendar.workingHours.mon[0]',
    ],
    [
      'an unknown weekday',
      { calendar: { type: 'business', workingHours: { mo: [['09:00', '17:00']] } } },
      'calendar.workingHours.mo',
    ],
    ['an unknown time zone', { calendar: { timeZone: 'Europe/Novi_Sad' } }, 'calendar.timeZone'],
    ['a holiday that is not a date', { calendar: { holidays: ['2027-02-30'] } }, 'calendar.holidays[0]'],
    ['an unknown calendar type', { calendar: { type: 'lunar' } }, 'calendar.type'],
    ['a reminder at the target', { reminders: [0.5, 1] }, 'reminders[1]'],
    ['a reminder at the start', { reminders: [0] }, 'reminders[0]'],
    ['reminders out of order', { reminders: [0.75, 0.5] }, 'reminders[1]'],
    ['an effectiveFrom without an offset', { effectiveFrom: '2026-12-01T00:00:00' }, 'effectiveFrom'],
    ['an unknown field', { owner: 'ops' }, 'owner'],
  ])('refuses %s with 400 naming the field', (_, policy, field) => {
    it('and records no version', async () => {
      const before = (await api.history()).length;
      const response = await t.http().put('/sla/policy').set('Authorization', t.as('admin')).send(policy);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(await api.history()).toHaveLength(before);
    });
  });

  it('names every field at fault at once', async () => {
    const response = await t
      .http()
      .put('/sla/policy')
      .set('Authorization', t.as('admin'))
      .send({ targets: { scorecard: { hours: -1 } }, reminders: [2] });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'targets.scorecard.hours',
      'reminders[0]',
    ]);
  });

  it('refuses a body that is a list rather than a policy', async () => {
    const response = await t
      .http()
      .put('/sla/policy')
      .set('Authorization', t.as('admin'))
      .send([{ targets: {} }]);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: '', message: 'must be a JSON object' }]);
  });

  it('refuses a body that is a bare JSON string', async () => {
    const response = await t
      .http()
      .put('/sla/policy')
      .set('Authorization', t.as('admin'))
      .set('Content-Type', 'application/json')
      .send('"policy"');
    expect(response.status).toBe(400);
  });

  it('checks a previewed policy with the same rules, naming fields inside `policy`', async () => {
    const response = await t
      .http()
      .post('/sla/policy/preview')
      .set('Authorization', t.as('viewer'))
      .send({ policy: { targets: { decision: { byStage: { onsite: 4 } } } } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'policy.targets.decision.byStage.onsite', message: expect.any(String) },
    ]);
  });

  it('refuses a preview without a policy, or with a window that ends before it starts', async () => {
    const viewer = t.as('viewer');
    await t.http().post('/sla/policy/preview').set('Authorization', viewer).send({}).expect(400);
    await t
      .http()
      .post('/sla/policy/preview')
      .set('Authorization', viewer)
      .send({ policy: {}, from: '2026-11-10T00:00:00Z', to: '2026-11-01T00:00:00Z' })
      .expect(400);
    await t
      .http()
      .post('/sla/policy/preview')
      .set('Authorization', viewer)
      .send({ policy: {}, groupBy: 'week' })
      .expect(400);
  });
});
