import type { Application } from '@app/hiring';
import type { Actor } from '@app/platform';

/**
 * Blind feedback (SPEC §4 additions): an interviewer sees the other scorecards of an interview only
 * once their own for it is in, so that nobody's judgement is shaped by someone else's. Returns the
 * interviews whose scorecards the caller may not see yet; none for the roles that decide.
 */
export function blindInterviews(app: Application, actor: Actor): ReadonlySet<string> {
  if (actor.role !== 'interviewer') return new Set();
  return new Set(
    app.interviews
      .filter((interview) => !interview.scorecards.some((card) => card.interviewerId === actor.id))
      .map((interview) => interview.id),
  );
}

/** A ScorecardSubmitted event of a blind interview says who submitted, and nothing of what. */
export function blindEventData(
  type: string,
  data: Record<string, unknown>,
  blind: ReadonlySet<string>,
): Record<string, unknown> {
  if (type !== 'ScorecardSubmitted' || typeof data.interviewId !== 'string' || !blind.has(data.interviewId)) {
    return data;
  }
  return { interviewId: data.interviewId, interviewerId: data.interviewerId };
}
