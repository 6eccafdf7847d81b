import { startTestApp, type TestApp } from '../support/app';

/** SPEC §4: /health is up when the database, the event store and the projections are. */
describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports the database, the event store and the projections, with the projections’ lag', async () => {
    const { body } = await t.http().get('/health').expect(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual(['database', 'eventStore', 'projections']);
    expect(body.details.projections).toMatchObject({
      status: 'up',
      state: expect.any(String),
      behind: expect.any(Number),
    });
  });

  it('exports the projections’ lag to Prometheus', async () => {
    const { text } = await t.http().get('/metrics').expect(200);
    expect(text).toMatch(/projection_lag_seconds\{projection="hiring"\}/);
  });
});
