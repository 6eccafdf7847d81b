import type { Command, Event, NoData } from '../shared/decider';
import type { Instant } from '../shared/instant';

/**
 * The people a job's obligations belong to (SPEC §6): recruiters own the decisions, hiring managers
 * when there is no recruiter, and both hear of an escalation.
 */
export type JobTeam = { recruiterIds: string[]; hiringManagerIds: string[] };

/** User ids are the identity provider's opaque strings (SPEC §4); a team is a short list of people. */
export const JOB_TEAM_LIMITS = { userIdLength: 200, membersPerRole: 50 } as const;

export type OpenJob = Command<
  'OpenJob',
  { jobId: string; title: string; department?: string | null; recruiterIds?: string[]; hiringManagerIds?: string[] }
>;
export type CloseJob = Command<'CloseJob', NoData>;
/** Replaces the whole team (PUT /jobs/:id/team). */
export type ChangeJobTeam = Command<'ChangeJobTeam', JobTeam>;
export type JobCommand = OpenJob | CloseJob | ChangeJobTeam;

export type JobEvent =
  | Event<
      'JobOpened',
      { jobId: string; title: string; department: string | null; openedAt: Instant; by: string } & JobTeam
    >
  | Event<'JobClosed', { closedAt: Instant; by: string }>
  | Event<'JobTeamChanged', JobTeam & { changedAt: Instant; by: string }>;

type JobFile = {
  jobId: string;
  title: string;
  department: string | null;
  openedAt: Instant;
  /**
   * Always set by evolve. Optional only so that a job state rebuilt from a store that predates teams
   * still type-checks; read it through teamOf.
   */
  recruiterIds?: string[];
  hiringManagerIds?: string[];
};

export type JobState =
  { status: 'none' } | (JobFile & { status: 'open' }) | (JobFile & { status: 'closed'; closedAt: Instant });

export type OpenJobState = Extract<JobState, { status: 'open' }>;

/** The team of a job; none for a job that does not exist. */
export const teamOf = (job: JobState): JobTeam =>
  job.status === 'none'
    ? { recruiterIds: [], hiringManagerIds: [] }
    : { recruiterIds: job.recruiterIds ?? [], hiringManagerIds: job.hiringManagerIds ?? [] };

/**
 * The reservation key that makes "no application after the job closed" hold across streams. A submit
 * reserves it and gives it back in its own append; closing the job reserves it for good. So a
 * submit commits before the close or is refused (ReservationConflict held by the job's stream),
 * and a close waits for the submits in flight: the event store has no transaction over two streams,
 * but it has reservations that change atomically with an append.
 */
export const jobIntakeKey = (jobId: string) => `job-intake:${jobId}`;

/** Whether the command that turned `before` into `after` closed the job's intake. */
export const closesIntake = (before: JobState, after: JobState): boolean =>
  before.status === 'open' && after.status === 'closed';
