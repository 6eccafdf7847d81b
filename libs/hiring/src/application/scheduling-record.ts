import type { Instant } from '../shared/instant';
import { isInterviewStage } from '../stages';
import { type Application, currentVisit, interviewsOfThisVisit, openScheduling } from './application.state';

/*
 * The scheduling record of SPEC §7, kept by evolve like the decision record: the candidate waits for
 * an interview to be booked, then it is booked (or they move on, or are rejected), or they withdraw.
 * Recorded whatever the policy says; sla/obligations.ts turns a record into an obligation only when
 * the policy in force at its start has scheduling on.
 */

/**
 * Whether the current stay owes the candidate a booked interview: an active application in an
 * interview stage with nothing booked and nothing held in this stay. This covers both starts SPEC §7
 * names: arriving with nothing booked, and the last booked interview falling through before any was held.
 */
export function owesScheduling(app: Application): boolean {
  if (app.status !== 'active' || !isInterviewStage(app.stage)) return false;
  return interviewsOfThisVisit(app).every(
    (interview) => interview.status !== 'scheduled' && interview.status !== 'held',
  );
}

export function startScheduling(app: Application, startedAt: Instant): Application {
  if (openScheduling(app) !== undefined) return app;
  const wait = { stage: app.stage, visit: currentVisit(app), startedAt, satisfiedAt: null, cancelledAt: null };
  return { ...app, schedulings: [...app.schedulings, wait] };
}

export function settleScheduling(app: Application, how: 'satisfiedAt' | 'cancelledAt', at: Instant): Application {
  const open = openScheduling(app);
  if (open === undefined) return app;
  return { ...app, schedulings: app.schedulings.map((wait) => (wait === open ? { ...wait, [how]: at } : wait)) };
}
