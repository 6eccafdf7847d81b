import type { Event } from '../shared/decider';
import type { Instant } from '../shared/instant';
import type {
  CandidateUpdateChannel,
  InterviewKind,
  InterviewStage,
  Recommendation,
  ReferenceOutcome,
  Stage,
} from '../stages';

/**
 * Facts about one application, past tense. Each carries the time it happened (server time, except
 * `heldAt`, which the client reports) and who acted. Candidate personal data is never in an event
 * (see application.commands.ts); free text that may describe the candidate (notes, reasons, referee
 * names) is, encrypted with a key of the application's that erasure destroys (PERSONAL_TEXT_FIELDS),
 * and CandidateDataErased tells every reader to stop showing it.
 *
 * Optional inputs are stored as null rather than left out, so every event of a type has the same keys.
 */
export type ApplicationEvent =
  | Event<
      'ApplicationSubmitted',
      { applicationId: string; jobId: string; source: string | null; submittedAt: Instant; by: string }
    >
  | Event<
      'InterviewScheduled',
      {
        interviewId: string;
        stage: InterviewStage;
        kind: InterviewKind;
        interviewerIds: string[];
        /** When the interview takes place (may be in the past: interviews are often recorded afterwards). */
        scheduledAt: Instant;
        durationMinutes: number;
        /** When it was put in the calendar: the server time that satisfies a pending decision. */
        bookedAt: Instant;
        by: string;
      }
    >
  | Event<'InterviewHeld', { interviewId: string; heldAt: Instant; recordedAt: Instant; by: string }>
  | Event<'InterviewMarkedNoShow', { interviewId: string; markedAt: Instant; by: string }>
  | Event<'InterviewCancelled', { interviewId: string; reason: string | null; cancelledAt: Instant; by: string }>
  | Event<
      'ScorecardSubmitted',
      {
        interviewId: string;
        /** The interviewer who submitted it: the acting user. */
        interviewerId: string;
        rating: number;
        recommendation: Recommendation;
        notes: string | null;
        submittedAt: Instant;
      }
    >
  | Event<'StageChanged', { from: Stage; to: Stage; reason: string | null; changedAt: Instant; by: string }>
  | Event<
      'ApplicationRejected',
      { stage: Stage; reasonCode: string; note: string | null; rejectedAt: Instant; by: string }
    >
  | Event<'ApplicationUnrejected', { stage: Stage; unrejectedAt: Instant; by: string }>
  | Event<'ApplicationWithdrawn', { stage: Stage; reason: string | null; withdrawnAt: Instant; by: string }>
  | Event<
      'ReferenceRecorded',
      {
        referenceId: string;
        /** Null once the candidate's data is erased (the text is shredded, see PERSONAL_TEXT_FIELDS). */
        refereeName: string | null;
        relationship: string | null;
        outcome: ReferenceOutcome;
        notes: string | null;
        recordedAt: Instant;
        by: string;
      }
    >
  | Event<
      'OfferExtended',
      { offerId: string; salary: number; currency: string; startDate: string; extendedAt: Instant; by: string }
    >
  | Event<'OfferAccepted', { offerId: string; acceptedAt: Instant; by: string }>
  | Event<'OfferDeclined', { offerId: string; declinedAt: Instant; by: string }>
  | Event<
      'CandidateUpdated',
      {
        updateId: string;
        channel: CandidateUpdateChannel;
        /** What the candidate was told; personal text (PERSONAL_TEXT_FIELDS). */
        summary: string | null;
        at: Instant;
        by: string;
      }
    >
  | Event<'CandidateDataErased', { erasedAt: Instant; by: string }>;

export type ApplicationEventType = ApplicationEvent['type'];

/** The event of one type, e.g. `ApplicationEventOf<'StageChanged'>`. */
export type ApplicationEventOf<T extends ApplicationEventType> = Extract<ApplicationEvent, { type: T }>;
