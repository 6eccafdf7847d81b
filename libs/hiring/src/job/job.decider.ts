import { InvalidJobTeam, JobAlreadyClosed, JobAlreadyExists, JobClosed, JobNotFound } from '../errors';
import { assertNever } from '../shared/assert-never';
import type { Decider } from '../shared/decider';
import { canonicalInstant } from '../shared/instant';
import { textOrNull } from '../shared/text';
import {
  JOB_TEAM_LIMITS,
  type JobCommand,
  type JobEvent,
  type JobState,
  type JobTeam,
  type OpenJobState,
  teamOf,
} from './job';

export const initialState: JobState = { status: 'none' };

export function decide(command: JobCommand, state: JobState): JobEvent[] {
  const at = canonicalInstant(command.now, 'now');
  switch (command.type) {
    case 'OpenJob': {
      if (state.status !== 'none') throw new JobAlreadyExists();
      const { jobId, title, department } = command.data;
      const team = validTeam({
        recruiterIds: command.data.recruiterIds ?? [],
        hiringManagerIds: command.data.hiringManagerIds ?? [],
      });
      return [
        {
          type: 'JobOpened',
          data: { jobId, title, department: textOrNull(department), openedAt: at, by: command.actor, ...team },
        },
      ];
    }
    case 'CloseJob':
      if (state.status === 'none') throw new JobNotFound();
      if (state.status === 'closed') throw new JobAlreadyClosed();
      return [{ type: 'JobClosed', data: { closedAt: at, by: command.actor } }];
    case 'ChangeJobTeam': {
      const team = validTeam(command.data);
      // A closed job still has applications in flight whose obligations someone owns.
      if (state.status === 'none') throw new JobNotFound();
      if (sameTeam(teamOf(state), team)) return [];
      return [{ type: 'JobTeamChanged', data: { ...team, changedAt: at, by: command.actor } }];
    }
    default:
      return assertNever(command);
  }
}

export function evolve(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'JobOpened': {
      const { jobId, title, department, openedAt, recruiterIds, hiringManagerIds } = event.data;
      return { status: 'open', jobId, title, department, openedAt, recruiterIds, hiringManagerIds };
    }
    case 'JobClosed':
      return state.status === 'open' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    case 'JobTeamChanged': {
      const { recruiterIds, hiringManagerIds } = event.data;
      return state.status === 'none' ? state : { ...state, recruiterIds, hiringManagerIds };
    }
    default:
      return assertNever(event);
  }
}

export const jobDecider: Decider<JobCommand, JobEvent, JobState> = { decide, evolve, initialState };

/**
 * Applications are separate aggregates, so the handler that submits one checks the job with this
 * before deciding. A job closed after the check is caught by the job's intake reservation
 * (jobIntakeKey), which the submit's append and the close's append both take.
 */
export function requireOpenJob(job: JobState): OpenJobState {
  if (job.status === 'none') throw new JobNotFound();
  if (job.status === 'closed') throw new JobClosed();
  return job;
}

/** Duplicates collapse (a person is on the team once); the limits hold after that. Every problem is named. */
function validTeam(team: JobTeam): JobTeam {
  const recruiters = validIds(team.recruiterIds, 'recruiterIds');
  const managers = validIds(team.hiringManagerIds, 'hiringManagerIds');
  const problems = [...recruiters.problems, ...managers.problems];
  if (problems.length > 0) throw new InvalidJobTeam(problems);
  return { recruiterIds: recruiters.ids, hiringManagerIds: managers.ids };
}

type FieldProblem = { field: string; message: string };

function validIds(ids: readonly string[], field: string): { ids: string[]; problems: FieldProblem[] } {
  const { userIdLength, membersPerRole } = JOB_TEAM_LIMITS;
  const problems: FieldProblem[] = ids.flatMap((id, index) =>
    typeof id !== 'string' || id.length < 1 || id.length > userIdLength
      ? [{ field: `${field}[${index}]`, message: `must be a user id of 1 to ${userIdLength} characters` }]
      : [],
  );
  const unique = [...new Set(ids)];
  if (unique.length > membersPerRole) problems.push({ field, message: `must name at most ${membersPerRole} people` });
  return { ids: unique, problems };
}

/** The same people in each role, whatever the order: reordering the list is not a change of team. */
function sameTeam(a: JobTeam, b: JobTeam): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((id) => y.includes(id));
  return same(a.recruiterIds, b.recruiterIds) && same(a.hiringManagerIds, b.hiringManagerIds);
}
