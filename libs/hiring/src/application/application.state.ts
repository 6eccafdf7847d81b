import { assertNever } from '../shared/assert-never';
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
 * What an application's events add up to. Plain JSON (arrays, strings, numbers, null) because the
 * application projection stores it as jsonb and GET /applications/:id renders it; candidate personal
 * data and the stream version live elsewhere. After erasure every free-text field is null.
 */
export type ApplicationState = NoApplication | Application;

export type NoApplication = { status: 'none' };

export type Application = ApplicationFile & ApplicationOutcome;

/** The status and what only that status has: a rejection knows its reason, a hire its date. */
export type ApplicationOutcome =
  | { status: 'active' }
  | { status: 'rejected'; rejection: Rejection }
  | { status: 'withdrawn'; withdrawal: Withdrawal }
  | { status: 'hired'; hiredAt: Instant };

export type ApplicationFile = {
  applicationId: string;
  jobId: string;
  source: string | null;
  submittedAt: Instant;
  /** The current stage; a rejected, withdrawn or hired application stays in the stage it ended in. */
  stage: Stage;
  stageEnteredAt: Instant;
  /** Every stay in a stage, oldest first; the last one is the current stay. */
  visits: StageVisit[];
  interviews: Interview[];
  references: Reference[];
  /** The latest offer; earlier (declined or rescinded) ones are in the event history. */
  offer: Offer | null;
  /** Every decision the candidate has waited for, oldest first (see sla/obligations.ts). */
  decisions: DecisionRecord[];
  /**
   * Every wait for an interview to be booked, oldest first (SPEC §7, kind `scheduling`). Kept whatever
   * the policy: whether one is owed is decided by the policy in force when it started.
   */
  schedulings: SchedulingRecord[];
  /** What the candidate was told, and when, oldest first (SPEC §6). */
  candidateUpdates: CandidateUpdate[];
  erased: boolean;
};

export type Rejection = { reasonCode: string; note: string | null; rejectedAt: Instant; by: string };
export type Withdrawal = { reason: string | null; withdrawnAt: Instant; by: string };

export type StageVisit = {
  stage: Stage;
  enteredAt: Instant;
  leftAt: Instant | null;
  /** Why the application was moved here, when someone said. */
  reason: string | null;
  by: string;
};

export type Interview = InterviewFile &
  (
    | { status: 'scheduled' | 'cancelled' | 'no_show'; heldAt: null; scorecards: [] }
    | { status: 'held'; heldAt: Instant; scorecards: Scorecard[] }
  );

type InterviewFile = {
  id: string;
  stage: InterviewStage;
  kind: InterviewKind;
  interviewerIds: string[];
  scheduledAt: Instant;
  durationMinutes: number;
  /** The stay in `stage` (index into `visits`) this interview counts toward. */
  visit: number;
};

export type Scorecard = {
  interviewerId: string;
  rating: number;
  recommendation: Recommendation;
  notes: string | null;
  submittedAt: Instant;
};

export type Reference = {
  id: string;
  refereeName: string | null;
  relationship: string | null;
  outcome: ReferenceOutcome;
  notes: string | null;
  recordedAt: Instant;
  by: string;
};

export type Offer = OfferFile &
  ({ status: 'extended' } | { status: 'accepted' | 'declined' | 'rescinded'; settledAt: Instant });

type OfferFile = {
  id: string;
  salary: number;
  currency: string;
  startDate: string;
  extendedAt: Instant;
  by: string;
};

/** Something owed to the candidate during one stay in a stage: it starts, then is satisfied or cancelled. */
export type WaitRecord = {
  stage: Stage;
  visit: number;
  startedAt: Instant;
  satisfiedAt: Instant | null;
  cancelledAt: Instant | null;
};

/** A decision owed to the candidate in one stay in a stage (SPEC §3). */
export type DecisionRecord = WaitRecord;

/** An interview owed to the candidate in one stay in an interview stage (SPEC §7). */
export type SchedulingRecord = WaitRecord;

export type CandidateUpdate = {
  id: string;
  channel: CandidateUpdateChannel;
  summary: string | null;
  at: Instant;
  by: string;
};

export const initialState: ApplicationState = { status: 'none' };

export const currentVisit = (app: Application): number => app.visits.length - 1;

/** Interviews that count toward the current stay in the current stage. */
export const interviewsOfThisVisit = (app: Application): Interview[] =>
  app.interviews.filter((interview) => interview.stage === app.stage && interview.visit === currentVisit(app));

export const outstandingOffer = (app: Application): Extract<Offer, { status: 'extended' }> | null =>
  app.offer?.status === 'extended' ? app.offer : null;

const isOpenWait = (wait: WaitRecord): boolean => wait.satisfiedAt === null && wait.cancelledAt === null;

export const openDecision = (app: Application): DecisionRecord | undefined => app.decisions.find(isOpenWait);

export const openScheduling = (app: Application): SchedulingRecord | undefined => app.schedulings.find(isOpenWait);

/**
 * How the one-active-application-per-email-and-job reservation must change when a command turns
 * `before` into `after`: claimed on submit and unreject, released when the application stops being
 * active. The handler applies it in the same append as the events.
 */
export function reservationChange(before: ApplicationState, after: ApplicationState): 'claim' | 'release' | 'keep' {
  const wasActive = before.status === 'active';
  const isActive = after.status === 'active';
  if (!wasActive && isActive) return 'claim';
  if (wasActive && !isActive) return 'release';
  return 'keep';
}

/** The same application with another status, carrying none of the previous status's fields. */
export const withOutcome = (app: Application, outcome: ApplicationOutcome): Application => ({
  ...fileOf(app),
  ...outcome,
});

// Listed field by field so that a status change cannot carry the previous status's fields along,
// and adding a field to ApplicationFile fails to compile here until it is carried over.
export function fileOf(app: Application): ApplicationFile {
  return {
    applicationId: app.applicationId,
    jobId: app.jobId,
    source: app.source,
    submittedAt: app.submittedAt,
    stage: app.stage,
    stageEnteredAt: app.stageEnteredAt,
    visits: app.visits,
    interviews: app.interviews,
    references: app.references,
    offer: app.offer,
    decisions: app.decisions,
    schedulings: app.schedulings,
    candidateUpdates: app.candidateUpdates,
    erased: app.erased,
  };
}

export function outcomeOf(app: Application): ApplicationOutcome {
  switch (app.status) {
    case 'active':
      return { status: 'active' };
    case 'rejected':
      return { status: 'rejected', rejection: app.rejection };
    case 'withdrawn':
      return { status: 'withdrawn', withdrawal: app.withdrawal };
    case 'hired':
      return { status: 'hired', hiredAt: app.hiredAt };
    default:
      return assertNever(app);
  }
}
