import { InvalidJobTeam, JobAlreadyClosed, JobAlreadyExists, JobClosed, JobNotFound } from '../errors';
import { parseJobEvent } from '../events/parse';
import { JOB_TEAM_LIMITS, type JobEvent, teamOf } from './job';
import { jobDecider, requireOpenJob } from './job.decider';
import { specFor } from '../testing/given';

const NOW = '2026-11-23T09:00:00.000Z';
const LATER = '2026-11-24T09:00:00.000Z';
const given = specFor(jobDecider, { actor: 'recruiter-rita', now: NOW });

const opened: JobEvent = {
  type: 'JobOpened',
  data: {
    jobId: 'job-1',
    title: 'Backend Engineer',
    department: 'Platform',
    openedAt: NOW,
    by: 'recruiter-rita',
    recruiterIds: [],
    hiringManagerIds: [],
  },
};
const closed: JobEvent = { type: 'JobClosed', data: { closedAt: NOW, by: 'recruiter-rita' } };
const teamChanged = (recruiterIds: string[], hiringManagerIds: string[]): JobEvent => ({
  type: 'JobTeamChanged',
  data: { recruiterIds, hiringManagerIds, changedAt: LATER, by: 'recruiter-rita' },
});

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
      recruiterIds: [],
      hiringManagerIds: [],
    }));
});

describe('the hiring team of a job', () => {
  it('is named when the job is opened, each person once', () =>
    given()
      .when({
        type: 'OpenJob',
        data: {
          jobId: 'job-1',
          title: 'Backend Engineer',
          department: 'Platform',
          recruiterIds: ['recruiter-rita', 'recruiter-rex', 'recruiter-rita'],
          hiringManagerIds: ['manager-max'],
        },
      })
      .then([
        {
          ...opened,
          data: {
            ...opened.data,
            recruiterIds: ['recruiter-rita', 'recruiter-rex'],
            hiringManagerIds: ['manager-max'],
          },
        },
      ]));

  it('is shown on the job', () =>
    expect(teamOf(given(opened, teamChanged(['recruiter-rex'], ['manager-max'])).state)).toEqual({
      recruiterIds: ['recruiter-rex'],
      hiringManagerIds: ['manager-max'],
    }));

  it('is replaced as a whole when it changes', () =>
    given(opened, teamChanged(['recruiter-rex'], ['manager-max']))
      .when({ type: 'ChangeJobTeam', data: { recruiterIds: [], hiringManagerIds: ['manager-mia'] }, now: LATER })
      .then([teamChanged([], ['manager-mia'])]));

  it('records nothing when the same people are named again, in any order', () =>
    given(opened, teamChanged(['recruiter-rex', 'recruiter-rita'], []))
      .when({
        type: 'ChangeJobTeam',
        data: { recruiterIds: ['recruiter-rita', 'recruiter-rex'], hiringManagerIds: [] },
      })
      .then([]));

  it('can still change once the job is closed, since its applications are still owned by someone', () =>
    given(opened, closed)
      .when({ type: 'ChangeJobTeam', data: { recruiterIds: ['recruiter-rex'], hiringManagerIds: [] }, now: LATER })
      .then([teamChanged(['recruiter-rex'], [])]));

  it('cannot change for a job that was never opened', () =>
    given()
      .when({ type: 'ChangeJobTeam', data: { recruiterIds: ['recruiter-rex'], hiringManagerIds: [] } })
      .thenThrows(JobNotFound));

  it('refuses an empty user id', () =>
    given(opened)
      .when({ type: 'ChangeJobTeam', data: { recruiterIds: ['recruiter-rex', ''], hiringManagerIds: [] } })
      .thenThrows(InvalidJobTeam));

  it('refuses a user id longer than the identity provider issues', () =>
    expect(() =>
      jobDecider.decide(
        {
          type: 'ChangeJobTeam',
          data: { recruiterIds: [], hiringManagerIds: ['m'.repeat(JOB_TEAM_LIMITS.userIdLength + 1)] },
          actor: 'recruiter-rita',
          now: NOW,
        },
        given(opened).state,
      ),
    ).toThrow(expect.objectContaining({ field: 'hiringManagerIds[0]' })));

  it('refuses more people per role than the limit', () =>
    given(opened)
      .when({
        type: 'ChangeJobTeam',
        data: {
          recruiterIds: Array.from({ length: JOB_TEAM_LIMITS.membersPerRole + 1 }, (_, n) => `recruiter-${n}`),
          hiringManagerIds: [],
        },
      })
      .thenThrows(InvalidJobTeam));

  it('names every field at fault at once, so a form can show them all', () =>
    expect(() =>
      jobDecider.decide(
        {
          type: 'ChangeJobTeam',
          data: {
            recruiterIds: ['', 'recruiter-rex', 'r'.repeat(JOB_TEAM_LIMITS.userIdLength + 1)],
            hiringManagerIds: Array.from({ length: JOB_TEAM_LIMITS.membersPerRole + 1 }, (_, n) => `manager-${n}`),
          },
          actor: 'recruiter-rita',
          now: NOW,
        },
        given(opened).state,
      ),
    ).toThrow(
      expect.objectContaining({
        problems: [
          { field: 'recruiterIds[0]', message: `must be a user id of 1 to ${JOB_TEAM_LIMITS.userIdLength} characters` },
          { field: 'recruiterIds[2]', message: `must be a user id of 1 to ${JOB_TEAM_LIMITS.userIdLength} characters` },
          { field: 'hiringManagerIds', message: `must name at most ${JOB_TEAM_LIMITS.membersPerRole} people` },
        ],
      }),
    ));

  it('is empty for a job opened before teams existed', () => {
    const stored = {
      type: 'JobOpened',
      schemaVersion: 1,
      data: { jobId: 'job-1', title: 'Backend Engineer', department: 'Platform', openedAt: NOW, by: 'recruiter-rita' },
    };
    expect(parseJobEvent(stored)).toEqual(opened);
  });
});

describe('applying to a job', () => {
  it('is possible while the job is open', () =>
    expect(requireOpenJob(given(opened).state)).toMatchObject({ jobId: 'job-1' }));

  it('is refused once the job is closed', () =>
    expect(() => requireOpenJob(given(opened, closed).state)).toThrow(JobClosed));

  it('is refused for a job that does not exist', () =>
    expect(() => requireOpenJob(given().state)).toThrow(JobNotFound));
});
