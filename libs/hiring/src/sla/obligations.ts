import type { Application } from '../application/application.state';
import type { Instant } from '../shared/instant';
import type { Stage } from '../stages';
import { type SlaPolicy, dueAt } from './policy';

/**
 * Something we owe (SPEC §3). The one definition behind both GET /applications/:id and the SLA
 * projection, so the two can never disagree.
 *
 * `id` is stable across recomputation from the same events (`decision:<n>` counts the application's
 * decisions in order, `scorecard:<interviewId>:<interviewerId>`), so the projection can upsert by it.
 */
export type Obligation = {
  id: string;
  kind: ObligationKind;
  stage: Stage;
  interviewId?: string;
  interviewerId?: string;
  startedAt: Instant;
  dueAt: Instant;
  satisfiedAt?: Instant;
  cancelledAt?: Instant;
};

export const OBLIGATION_KINDS = ['decision', 'scorecard'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

/**
 * Every obligation of the application, met or not, ordered by start. Decisions come from the record
 * evolve keeps; scorecards follow from the interviews: each interviewer of each held interview owes
 * one from `heldAt`, whatever happens to the application afterwards, and an interview cancelled or
 * missed before it was held never owed any.
 */
export function obligations(app: Application, policy: SlaPolicy): Obligation[] {
  const decisions = app.decisions.map((decision, index): Obligation => ({
    id: `decision:${index}`,
    kind: 'decision',
    stage: decision.stage,
    startedAt: decision.startedAt,
    dueAt: dueAt(decision.startedAt, policy),
    ...(decision.satisfiedAt === null ? {} : { satisfiedAt: decision.satisfiedAt }),
    ...(decision.cancelledAt === null ? {} : { cancelledAt: decision.cancelledAt }),
  }));
  const scorecards = app.interviews.flatMap((interview) => {
    if (interview.status !== 'held') return [];
    const due = dueAt(interview.heldAt, policy);
    return interview.interviewerIds.map((interviewerId): Obligation => {
      const card = interview.scorecards.find((scorecard) => scorecard.interviewerId === interviewerId);
      return {
        id: `scorecard:${interview.id}:${interviewerId}`,
        kind: 'scorecard',
        stage: interview.stage,
        interviewId: interview.id,
        interviewerId,
        startedAt: interview.heldAt,
        dueAt: due,
        ...(card === undefined ? {} : { satisfiedAt: card.submittedAt }),
      };
    });
  });
  // Instants are canonical UTC strings, so string order is time order; the sort is stable.
  return [...decisions, ...scorecards].sort((a, b) =>
    a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0,
  );
}
