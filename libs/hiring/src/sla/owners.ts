import type { JobTeam } from '../job/job';
import { assertNever } from '../shared/assert-never';
import type { Obligation } from './obligations';

/**
 * Who must act on an obligation (SPEC §6): an interviewer owes their own scorecard; the candidate's
 * decisions and bookings are the recruiters' job, or the hiring managers' when the job has no recruiter.
 * Empty when the job names nobody: the obligation still counts on the dashboards.
 */
export function obligationOwners(obligation: Obligation, team: JobTeam): string[] {
  switch (obligation.kind) {
    case 'scorecard':
      return obligation.interviewerId === undefined ? [] : [obligation.interviewerId];
    case 'decision':
    case 'scheduling':
      return [...(team.recruiterIds.length > 0 ? team.recruiterIds : team.hiringManagerIds)];
    default:
      return assertNever(obligation.kind);
  }
}

/** Who hears of a breach: the owners, then the job's hiring managers and recruiters, each once. */
export function escalationRecipients(obligation: Obligation, team: JobTeam): string[] {
  return [...new Set([...obligationOwners(obligation, team), ...team.hiringManagerIds, ...team.recruiterIds])];
}
