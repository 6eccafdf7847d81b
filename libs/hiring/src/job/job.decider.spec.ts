import { JobAlreadyClosed, JobAlreadyExists, JobClosed, JobNotFound } from '../errors';
import type { JobEvent } from './job';
import { jobDecider, requireOpenJob } from './job.decider';
import { specFor } from '../testing/given';

const NOW = '2026-11-23T09:00:00.000Z';
const given = specFor(jobDecider, { actor: 'recruiter-rita', now: NOW });

const opened: JobEvent = {
  type: 'JobOpened',
  data: { jobId: 'job-1', title: 'Backend Engineer', department: 'Platform', openedAt: NOW, by: 'recruiter-rita' },
};
const closed: JobEvent = { type: 'JobClosed', data: { closedAt: NOW, by: 'recruiter-rita' } };

describe('jobs', () => {
  it('opens a job with its title and department', () =>
    given()
      .when({ type: 'OpenJob', data: { jobId: 'job-1', title: 'Backend Engineer', department: 'Platform' } })
      .then([opened]));

  it('opens a job without a department', () =>
    given()
      .when({ type: 'OpenJob', data: { jobId: 'job-1', title: 'Backend Engineer' } })
      .then([{ ...opened, data: { ...opened.data, department: null } } as JobEvent]));

  it('refuses to open the same job twice', () =>
    given(opened)
      .when({ type: 'OpenJob', data: { jobId: 'job-1', title: 'Backend Engineer' } })
      .thenThrows(JobAlreadyExists));

  it('closes an open job', () => given(opened).when({ type: 'CloseJob', data: {} }).then([closed]));

  it('refuses to close a closed job', () =>
    given(opened, closed).when({ type: 'CloseJob', data: {} }).thenThrows(JobAlreadyClosed));

  it('refuses to close a job that was never opened', () =>
    given().when({ type: 'CloseJob', data: {} }).thenThrows(JobNotFound));

  it('shows a closed job as closed, with its title', () =>
    expect(given(opened, closed).state).toEqual({
      status: 'closed',
      jobId: 'job-1',
      title: 'Backend Engineer',
      department: 'Platform',
      openedAt: NOW,
      closedAt: NOW,
    }));
});

describe('applying to a job', () => {
  it('is possible while the job is open', () =>
    expect(requireOpenJob(given(opened).state)).toMatchObject({ jobId: 'job-1' }));

  it('is refused once the job is closed', () =>
    expect(() => requireOpenJob(given(opened, closed).state)).toThrow(JobClosed));

  it('is refused for a job that does not exist', () =>
    expect(() => requireOpenJob(given().state)).toThrow(JobNotFound));
});
