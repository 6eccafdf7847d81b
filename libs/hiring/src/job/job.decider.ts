import { JobAlreadyClosed, JobAlreadyExists, JobClosed, JobNotFound } from '../errors';
import { assertNever } from '../shared/assert-never';
import type { Decider } from '../shared/decider';
import { canonicalInstant } from '../shared/instant';
import { textOrNull } from '../shared/text';
import type { JobCommand, JobEvent, JobState, OpenJobState } from './job';

export const initialState: JobState = { status: 'none' };

export function decide(command: JobCommand, state: JobState): JobEvent[] {
  const at = canonicalInstant(command.now, 'now');
  switch (command.type) {
    case 'OpenJob': {
      if (state.status !== 'none') throw new JobAlreadyExists();
      const { jobId, title, department } = command.data;
      return [
        {
          type: 'JobOpened',
          data: { jobId, title, department: textOrNull(department), openedAt: at, by: command.actor },
        },
      ];
    }
    case 'CloseJob':
      if (state.status === 'none') throw new JobNotFound();
      if (state.status === 'closed') throw new JobAlreadyClosed();
      return [{ type: 'JobClosed', data: { closedAt: at, by: command.actor } }];
    default:
      return assertNever(command);
  }
}

export function evolve(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'JobOpened': {
      const { jobId, title, department, openedAt } = event.data;
      return { status: 'open', jobId, title, department, openedAt };
    }
    case 'JobClosed':
      return state.status === 'open' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    default:
      return assertNever(event);
  }
}

export const jobDecider: Decider<JobCommand, JobEvent, JobState> = { decide, evolve, initialState };

/**
 * Applications are separate aggregates, so the handler that submits one checks the job with this
 * before deciding. A job closed after the check still receives that one application: there is no
 * cross-stream transaction, and closing a job is not urgent enough to need one.
 */
export function requireOpenJob(job: JobState): OpenJobState {
  if (job.status === 'none') throw new JobNotFound();
  if (job.status === 'closed') throw new JobClosed();
  return job;
}
