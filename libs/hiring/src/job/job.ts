import type { Command, Event, NoData } from '../shared/decider';
import type { Instant } from '../shared/instant';

export type OpenJob = Command<'OpenJob', { jobId: string; title: string; department?: string | null }>;
export type CloseJob = Command<'CloseJob', NoData>;
export type JobCommand = OpenJob | CloseJob;

export type JobEvent =
  | Event<'JobOpened', { jobId: string; title: string; department: string | null; openedAt: Instant; by: string }>
  | Event<'JobClosed', { closedAt: Instant; by: string }>;

type JobFile = { jobId: string; title: string; department: string | null; openedAt: Instant };

export type JobState =
  { status: 'none' } | (JobFile & { status: 'open' }) | (JobFile & { status: 'closed'; closedAt: Instant });

export type OpenJobState = Extract<JobState, { status: 'open' }>;
