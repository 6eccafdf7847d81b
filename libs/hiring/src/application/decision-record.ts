import type { Instant } from '../shared/instant';
import { latest } from '../shared/instant';
import { isInterviewStage } from '../stages';
import { type Application, currentVisit, interviewsOfThisVisit, openDecision } from './application.state';

/*
 * The decision record of SPEC §3, kept by evolve as events arrive: a decision starts, and is later
 * satisfied or cancelled. At most one is open at a time, always for the current stay.
 */

/**
 * Whether the candidate is owed a decision in the current stay (SPEC §3): always in applied and
 * references; in an interview stage once at least one interview is held and none is scheduled;
 * never in offer, and never unless the application is active.
 */
export function owesDecision(app: Application): boolean {
  if (app.status !== 'active') return false;
  if (app.stage === 'applied' || app.stage === 'references') return true;
  if (!isInterviewStage(app.stage)) return false;
  const here = interviewsOfThisVisit(app);
  const held = here.some((interview) => interview.status === 'held');
  return held && !here.some((interview) => interview.status === 'scheduled');
}

/**
 * When a decision owed in an interview stage started: the heldAt of the stay's last held interview,
 * even when what ended the wait was a later cancellation or no-show. Null if none was held.
 */
export function decisionStart(app: Application): Instant | null {
  const heldAts = interviewsOfThisVisit(app).flatMap((interview) =>
    interview.heldAt === null ? [] : [interview.heldAt],
  );
  return heldAts.length === 0 ? null : latest(heldAts);
}

export function startDecision(app: Application, startedAt: Instant): Application {
  if (openDecision(app) !== undefined) return app;
  const decision = { stage: app.stage, visit: currentVisit(app), startedAt, satisfiedAt: null, cancelledAt: null };
  return { ...app, decisions: [...app.decisions, decision] };
}

export function settleDecision(app: Application, how: 'satisfiedAt' | 'cancelledAt', at: Instant): Application {
  const open = openDecision(app);
  if (open === undefined) return app;
  return {
    ...app,
    decisions: app.decisions.map((decision) => (decision === open ? { ...decision, [how]: at } : decision)),
  };
}
