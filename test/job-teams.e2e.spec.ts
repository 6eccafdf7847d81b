import { JOB_TEAM_LIMITS } from '@app/hiring';
import { startTestApp, type TestApp } from './support/app';

describe('the hiring team of a job, through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const recruiter = () => t.as('recruiter', 'rec-1');
  const openJob = (body: object) => t.http().post('/jobs').set('Authorization', recruiter()).send(body);
  const putTeam = (jobId: string, body: object) =>
    t.http().put(`/jobs/${jobId}/team`).set('Authorization', recruiter()).send(body);
  const getJob = async (jobId: string) =>
    (await t.http().get(`/jobs/${jobId}`).set('Authorization', t.as('viewer')).expect(200)).body;
  const listed = async (jobId: string, minPosition: number) => {
    const response = await t
      .http()
      .get(`/jobs?minPosition=${minPosition}`)
      .set('Authorization', t.as('viewer'))
      .expect(200);
    return (response.body as Array<{ id: string }>).find((job) => job.id === jobId);
  };

  it('opens a job with its team and shows it on the job and in the list', async () => {
    const opened = await openJob({
      title: 'Platform Engineer',
      recruiterIds: ['rec-ana', 'rec-ana', 'rec-bo'],
      hiringManagerIds: ['hm-max'],
    }).expect(201);

    const team = { recruiterIds: ['rec-ana', 'rec-bo'], hiringManagerIds: ['hm-max'] };
    expect(await getJob(opened.body.id)).toMatchObject({ id: opened.body.id, status: 'open', ...team });
    expect(await listed(opened.body.id, opened.body.position)).toEqual({
      id: opened.body.id,
      title: 'Platform Engineer',
      department: null,
      status: 'open',
      ...team,
    });
  });

  it('gives a job opened without a team an empty one', async () => {
    const opened = await openJob({ title: 'Designer' }).expect(201);
    expect(await getJob(opened.body.id)).toMatchObject({ recruiterIds: [], hiringManagerIds: [] });
    expect(await listed(opened.body.id, opened.body.position)).toMatchObject({
      recruiterIds: [],
      hiringManagerIds: [],
    });
  });

  it('replaces the whole team, answering the job’s new version and position', async () => {
    const opened = await openJob({ title: 'SRE', recruiterIds: ['rec-ana'] }).expect(201);
    const changed = await putTeam(opened.body.id, { recruiterIds: [], hiringManagerIds: ['hm-mia'] }).expect(200);

    expect(changed.body).toEqual({ id: opened.body.id, version: 1, position: expect.any(Number) });
    expect(await getJob(opened.body.id)).toMatchObject({ recruiterIds: [], hiringManagerIds: ['hm-mia'] });
    expect(await listed(opened.body.id, changed.body.position)).toMatchObject({
      recruiterIds: [],
      hiringManagerIds: ['hm-mia'],
    });
  });

  it('applies a team change only to the version named in If-Match', async () => {
    const opened = await openJob({ title: 'Data Engineer' }).expect(201);
    await putTeam(opened.body.id, { recruiterIds: ['rec-ana'], hiringManagerIds: [] }).expect(200);

    const stale = await putTeam(opened.body.id, { recruiterIds: ['rec-bo'], hiringManagerIds: [] }).set(
      'If-Match',
      '"0"',
    );
    expect(stale.status).toBe(412);
    const current = await putTeam(opened.body.id, { recruiterIds: ['rec-bo'], hiringManagerIds: [] })
      .set('If-Match', '"1"')
      .expect(200);
    expect(current.body.version).toBe(2);
    expect(await getJob(opened.body.id)).toMatchObject({ recruiterIds: ['rec-bo'] });
  });

  it('shows an application’s owners as its job’s team is now, read after read', async () => {
    const opened = await openJob({ title: 'Owned role', recruiterIds: ['rec-ana'] }).expect(201);
    const submitted = await t
      .http()
      .post('/applications')
      .set('Authorization', recruiter())
      .send({ jobId: opened.body.id, candidate: { name: 'Owned Candidate', email: 'owned@example.com' } })
      .expect(201);
    const owners = async () => {
      const { body } = await t
        .http()
        .get(`/applications/${submitted.body.id}`)
        .set('Authorization', recruiter())
        .expect(200);
      return [...new Set((body.obligations as Array<{ owners: string[] }>).flatMap((o) => o.owners))];
    };
    expect(await owners()).toEqual(['rec-ana']);
    await putTeam(opened.body.id, { recruiterIds: ['rec-bo'], hiringManagerIds: [] }).expect(200);
    expect(await owners()).toEqual(['rec-bo']);
  });

  it('lets a closed job’s team change, since its applications still have owners', async () => {
    const opened = await openJob({ title: 'Closed role' }).expect(201);
    await t.http().post(`/jobs/${opened.body.id}/close`).set('Authorization', recruiter()).expect(200);
    await putTeam(opened.body.id, { recruiterIds: ['rec-ana'], hiringManagerIds: [] }).expect(200);
  });

  it('answers 404 for a job that does not exist', async () => {
    const response = await putTeam('5b0e8a8e-6b9e-4a59-9d4e-1d3c2f5e9a10', { recruiterIds: [], hiringManagerIds: [] });
    expect(response.status).toBe(404);
  });

  it.each([
    ['a missing list', { recruiterIds: [] }, 'hiringManagerIds'],
    ['an empty user id', { recruiterIds: [''], hiringManagerIds: [] }, 'recruiterIds'],
    ['a user id over 200 characters', { recruiterIds: [], hiringManagerIds: ['m'.repeat(201)] }, 'hiringManagerIds'],
    ['a user id that is not text', { recruiterIds: [7], hiringManagerIds: [] }, 'recruiterIds'],
    ['a list that is not a list', { recruiterIds: 'rec-ana', hiringManagerIds: [] }, 'recruiterIds'],
  ])('refuses a team with %s, naming the field', async (_, body, field) => {
    const opened = await openJob({ title: 'Validation' }).expect(201);
    const response = await putTeam(opened.body.id, body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await getJob(opened.body.id)).version).toBe(0);
  });

  it('names every role over the domain’s limit in errors, as the domain found them', async () => {
    const tooMany = (role: string) =>
      Array.from({ length: JOB_TEAM_LIMITS.membersPerRole + 1 }, (_, n) => `${role}-${n}`);
    const response = await openJob({
      title: 'Too many cooks',
      recruiterIds: tooMany('rec'),
      hiringManagerIds: tooMany('hm'),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: '/problems/invalid-job-team',
      errors: [
        { field: 'recruiterIds', message: expect.any(String) },
        { field: 'hiringManagerIds', message: expect.any(String) },
      ],
    });
  });

  it('refuses a team on POST /jobs that holds an empty user id', async () => {
    const response = await openJob({ title: 'Empty', hiringManagerIds: [''] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'hiringManagerIds' })]),
    );
  });
});
