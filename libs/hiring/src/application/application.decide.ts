import {
  AlreadyInStage,
  ApplicationAlreadyExists,
  ApplicationNotActive,
  ApplicationNotFound,
  CandidateUpdateAlreadyRecorded,
  HeldAtInFuture,
  InterviewAlreadyExists,
  OfferAlreadyExtended,
  ReferenceAlreadyRecorded,
  InterviewKindNotInStage,
  InterviewNotFound,
  InterviewNotHeld,
  InterviewNotScheduled,
  InterviewersRequired,
  InterviewsStillScheduled,
  InvalidDuration,
  NoOutstandingOffer,
  NotAnInterviewStage,
  NotAnInterviewer,
  NotInOfferStage,
  NotInReferencesStage,
  NotRejected,
  OfferAlreadyOutstanding,
  ReasonRequired,
  ScorecardAlreadySubmitted,
  UnknownCandidateUpdateChannel,
  UnknownInterviewKind,
  UnknownStage,
} from '../errors';
import { assertNever } from '../shared/assert-never';
import { type Instant, canonicalInstant, toMillis } from '../shared/instant';
import { textOrNull } from '../shared/text';
import {
  isCandidateUpdateChannel,
  isInterviewKind,
  isInterviewStage,
  isStage,
  nextStage,
  stageOfInterviewKind,
} from '../stages';
import type {
  ApplicationCommand,
  MarkInterviewHeld,
  MoveApplication,
  RecordCandidateUpdate,
  RecordReference,
  ScheduleInterview,
  SubmitScorecard,
} from './application.commands';
import type { ApplicationEvent } from './application.events';
import { type Application, type ApplicationState, type Interview, outstandingOffer } from './application.state';

/** Clocks drift and people round: "held at 10:00" typed at 09:57 is not a claim about the future. */
export const HELD_AT_TOLERANCE_MINUTES = 5;

export const INTERVIEW_MINUTES = { min: 5, max: 480 } as const;

/**
 * Decides what a command means for an application, enforcing SPEC §2, or throws a DomainError.
 * Input that no state could accept (an unknown stage, a time in the future) is refused before the
 * state is consulted, so a malformed request is a 400 whatever the application looks like.
 */
export function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  const now = canonicalInstant(command.now, 'now');
  const by = command.actor;
  if (command.type === 'SubmitApplication') {
    if (state.status !== 'none') throw new ApplicationAlreadyExists();
    const { applicationId, jobId, source } = command.data;
    return [
      {
        type: 'ApplicationSubmitted',
        data: { applicationId, jobId, source: textOrNull(source), submittedAt: now, by },
      },
    ];
  }
  if (state.status === 'none') throw new ApplicationNotFound();
  const app = state;

  switch (command.type) {
    case 'ScheduleInterview':
      return schedule(command, app, now);
    case 'MarkInterviewHeld':
      return markHeld(command, app, now);
    // Like markHeld, not limited to active applications: clearing a rejected candidate's calendar is expected.
    case 'MarkInterviewNoShow': {
      const { id: interviewId } = requireScheduled(findInterview(app, command.data.interviewId));
      return [{ type: 'InterviewMarkedNoShow', data: { interviewId, markedAt: now, by } }];
    }
    case 'CancelInterview': {
      const { id: interviewId } = requireScheduled(findInterview(app, command.data.interviewId));
      const reason = textOrNull(command.data.reason);
      return [{ type: 'InterviewCancelled', data: { interviewId, reason, cancelledAt: now, by } }];
    }
    case 'SubmitScorecard':
      return submitScorecard(command, app, now);
    case 'MoveApplication':
      return move(command, app, now);
    case 'RejectApplication': {
      const { stage } = requireActive(app);
      const { reasonCode, note } = command.data;
      return [
        { type: 'ApplicationRejected', data: { stage, reasonCode, note: textOrNull(note), rejectedAt: now, by } },
      ];
    }
    case 'UnrejectApplication':
      if (app.status !== 'rejected') throw new NotRejected();
      return [{ type: 'ApplicationUnrejected', data: { stage: app.stage, unrejectedAt: now, by } }];
    case 'WithdrawApplication': {
      const { stage } = requireActive(app);
      const reason = textOrNull(command.data.reason);
      return [{ type: 'ApplicationWithdrawn', data: { stage, reason, withdrawnAt: now, by } }];
    }
    case 'RecordReference':
      return recordReference(command, app, now);
    case 'ExtendOffer': {
      const { offerId, salary, currency, startDate } = command.data;
      if (app.offer?.id === offerId) throw new OfferAlreadyExtended();
      if (requireActive(app).stage !== 'offer') throw new NotInOfferStage();
      if (outstandingOffer(app) !== null) throw new OfferAlreadyOutstanding();
      return [{ type: 'OfferExtended', data: { offerId, salary, currency, startDate, extendedAt: now, by } }];
    }
    case 'AcceptOffer': {
      const { id: offerId } = requireOutstandingOffer(app);
      return [{ type: 'OfferAccepted', data: { offerId, acceptedAt: now, by } }];
    }
    case 'DeclineOffer': {
      const { id: offerId } = requireOutstandingOffer(app);
      return [{ type: 'OfferDeclined', data: { offerId, declinedAt: now, by } }];
    }
    case 'RecordCandidateUpdate':
      return recordCandidateUpdate(command, app, now);
    case 'EraseCandidateData':
      // Erasing twice is a harmless repeat (DELETE is idempotent): nothing new happened.
      return app.erased ? [] : [{ type: 'CandidateDataErased', data: { erasedAt: now, by } }];
    default:
      return assertNever(command);
  }
}

function schedule({ data, actor }: ScheduleInterview, app: Application, now: Instant): ApplicationEvent[] {
  const { interviewId, kind, durationMinutes } = data;
  if (!isInterviewKind(kind)) throw new UnknownInterviewKind(kind);
  const { min, max } = INTERVIEW_MINUTES;
  if (!Number.isInteger(durationMinutes) || durationMinutes < min || durationMinutes > max) throw new InvalidDuration();
  // A repeated id would make the interviewer owe one scorecard twice; the list means a set.
  const interviewerIds = [...new Set(data.interviewerIds)];
  if (interviewerIds.length === 0) throw new InterviewersRequired();
  const scheduledAt = canonicalInstant(data.scheduledAt, 'scheduledAt');

  const { stage } = requireActive(app);
  if (!isInterviewStage(stage)) throw new NotAnInterviewStage(stage);
  if (stageOfInterviewKind(kind) !== stage) throw new InterviewKindNotInStage(kind, stage);
  if (app.interviews.some((interview) => interview.id === interviewId)) throw new InterviewAlreadyExists();
  return [
    {
      type: 'InterviewScheduled',
      data: { interviewId, stage, kind, interviewerIds, scheduledAt, durationMinutes, bookedAt: now, by: actor },
    },
  ];
}

function markHeld({ data, actor }: MarkInterviewHeld, app: Application, now: Instant): ApplicationEvent[] {
  const heldAt = canonicalInstant(data.heldAt, 'heldAt');
  if (toMillis(heldAt) > toMillis(now) + HELD_AT_TOLERANCE_MINUTES * 60_000) throw new HeldAtInFuture();
  // Not limited to active applications: an interview that took place is a fact, and its
  // interviewers owe scorecards even if the candidate was rejected meanwhile.
  const { id: interviewId } = requireScheduled(findInterview(app, data.interviewId));
  return [{ type: 'InterviewHeld', data: { interviewId, heldAt, recordedAt: now, by: actor } }];
}

function submitScorecard({ data, actor }: SubmitScorecard, app: Application, now: Instant): ApplicationEvent[] {
  const interview = findInterview(app, data.interviewId);
  // Who may write comes before when: a stranger learns nothing about the interview's progress.
  if (!interview.interviewerIds.includes(actor)) throw new NotAnInterviewer();
  if (interview.status !== 'held') throw new InterviewNotHeld();
  if (interview.scorecards.some((card) => card.interviewerId === actor)) throw new ScorecardAlreadySubmitted();
  const { rating, recommendation, notes } = data;
  return [
    {
      type: 'ScorecardSubmitted',
      data: {
        interviewId: interview.id,
        interviewerId: actor,
        rating,
        recommendation,
        notes: textOrNull(notes),
        submittedAt: now,
      },
    },
  ];
}

function move({ data, actor }: MoveApplication, app: Application, now: Instant): ApplicationEvent[] {
  const { toStage } = data;
  if (!isStage(toStage)) throw new UnknownStage(toStage);
  const { stage: from } = requireActive(app);
  if (toStage === from) throw new AlreadyInStage(toStage);
  const reason = textOrNull(data.reason);
  if (toStage === nextStage(from)) {
    const pending = app.interviews.some((interview) => interview.stage === from && interview.status === 'scheduled');
    if (pending) throw new InterviewsStillScheduled(from);
  } else if (reason === null) {
    // Skipping or going back with interviews still scheduled is allowed: a reason is all SPEC asks.
    throw new ReasonRequired(toStage);
  }
  return [{ type: 'StageChanged', data: { from, to: toStage, reason, changedAt: now, by: actor } }];
}

function recordReference({ data, actor }: RecordReference, app: Application, now: Instant): ApplicationEvent[] {
  const { referenceId, refereeName, relationship, outcome, notes } = data;
  if (app.references.some((reference) => reference.id === referenceId)) throw new ReferenceAlreadyRecorded();
  if (requireActive(app).stage !== 'references') throw new NotInReferencesStage();
  return [
    {
      type: 'ReferenceRecorded',
      data: { referenceId, refereeName, relationship, outcome, notes: textOrNull(notes), recordedAt: now, by: actor },
    },
  ];
}

function recordCandidateUpdate(
  { data, actor }: RecordCandidateUpdate,
  app: Application,
  now: Instant,
): ApplicationEvent[] {
  const { updateId, channel } = data;
  if (!isCandidateUpdateChannel(channel)) throw new UnknownCandidateUpdateChannel(channel);
  // A retried request proposes the same id (ids derive from its Idempotency-Key): never record it twice.
  if (app.candidateUpdates.some((update) => update.id === updateId)) throw new CandidateUpdateAlreadyRecorded();
  requireActive(app);
  return [
    {
      type: 'CandidateUpdated',
      data: { updateId, channel, summary: textOrNull(data.summary), at: now, by: actor },
    },
  ];
}

function requireActive(app: Application): Application & { status: 'active' } {
  if (app.status !== 'active') throw new ApplicationNotActive(app.status);
  return app;
}

function requireOutstandingOffer(app: Application) {
  const offer = outstandingOffer(requireActive(app));
  if (offer === null) throw new NoOutstandingOffer();
  return offer;
}

function findInterview(app: Application, interviewId: string): Interview {
  const interview = app.interviews.find((candidate) => candidate.id === interviewId);
  if (interview === undefined) throw new InterviewNotFound();
  return interview;
}

function requireScheduled(interview: Interview): Interview {
  if (interview.status !== 'scheduled') throw new InterviewNotScheduled(interview.status);
  return interview;
}
