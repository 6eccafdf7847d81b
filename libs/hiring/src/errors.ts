import type { ApplicationStatus, InterviewKind, InterviewStatus, Stage } from './stages';

/**
 * Why a command was refused. The domain knows nothing of HTTP: the API's one exception filter maps
 * `kind` to a status (invalid 400, not_found 404, forbidden 403, conflict 409) and `code` to the
 * problem type, so `code` is part of the contract and must not change once published. Messages are
 * shown to recruiters as the problem's `detail`.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  abstract readonly code: string;
  /** Facts the caller needs beside the message, e.g. which application holds a reservation. */
  get extensions(): Record<string, unknown> | undefined {
    return undefined;
  }

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

abstract class Invalid extends DomainError {
  readonly kind = 'invalid';
}
abstract class NotFound extends DomainError {
  readonly kind = 'not_found';
}
abstract class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}
abstract class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** `manager_interviews` → `manager interviews`, `cto_meeting` → `CTO meeting`: wire ids read badly in a sentence. */
const label = (id: string): string => id.replace(/_/g, ' ').replace(/\bcto\b/, 'CTO');

// ---- invalid input (400) -------------------------------------------------------------------------

export class UnknownStage extends Invalid {
  readonly code = 'unknown-stage';
  constructor(stage: string) {
    super(`"${stage}" is not a stage of the hiring pipeline.`);
  }
}

export class UnknownInterviewKind extends Invalid {
  readonly code = 'unknown-interview-kind';
  constructor(kind: string) {
    super(`"${kind}" is not a kind of interview we run.`);
  }
}

export class InvalidDuration extends Invalid {
  readonly code = 'invalid-duration';
  constructor() {
    super('An interview lasts a whole number of minutes, from 5 to 480.');
  }
}

export class InterviewersRequired extends Invalid {
  readonly code = 'interviewers-required';
  constructor() {
    super('An interview needs at least one interviewer.');
  }
}

export class UnknownCandidateUpdateChannel extends Invalid {
  readonly code = 'unknown-candidate-update-channel';
  readonly field = 'channel';
  constructor(channel: string) {
    super(`"${channel}" is not a way we tell candidates where they stand (email, phone, message, in person).`);
  }
}

/** A policy document with problems; `problems` lists each field at fault for the `errors` of a 400. */
export class InvalidSlaPolicy extends Invalid {
  readonly code = 'invalid-sla-policy';
  readonly field: string;
  constructor(readonly problems: readonly { field: string; message: string }[]) {
    super(
      `The SLA policy is not valid: ${problems.map(({ field, message }) => `${field} ${message}`.trim()).join('; ')}.`,
    );
    this.field = problems[0]?.field ?? '';
  }
}

export class InvalidTimestamp extends Invalid {
  readonly code = 'invalid-timestamp';
  /** The input field at fault, for the `errors` list of a 400 answer. */
  constructor(readonly field: string) {
    super(`The time given for ${field} is not a date and time with an offset, such as 2026-11-24T10:00:00Z.`);
  }
}

export class HeldAtInFuture extends Invalid {
  readonly code = 'held-at-in-future';
  constructor() {
    super('An interview cannot be marked as held at a time that has not come yet.');
  }
}

/** A hiring team with problems; `problems` lists each field at fault for the `errors` of a 400. */
export class InvalidJobTeam extends Invalid {
  readonly code = 'invalid-job-team';
  /** The first field at fault, e.g. `recruiterIds[2]`. */
  readonly field: string;
  constructor(readonly problems: readonly { field: string; message: string }[]) {
    super(`The hiring team is not valid: ${problems.map(({ field, message }) => `${field} ${message}`).join('; ')}.`);
    this.field = problems[0]?.field ?? '';
  }
}

// ---- not found (404) -----------------------------------------------------------------------------

export class ApplicationNotFound extends NotFound {
  readonly code = 'application-not-found';
  constructor() {
    super('There is no such application.');
  }
}

export class InterviewNotFound extends NotFound {
  readonly code = 'interview-not-found';
  constructor() {
    super('This application has no such interview.');
  }
}

export class JobNotFound extends NotFound {
  readonly code = 'job-not-found';
  constructor() {
    super('There is no such job.');
  }
}

// ---- forbidden (403) -----------------------------------------------------------------------------

export class NotAnInterviewer extends Forbidden {
  readonly code = 'not-an-interviewer';
  constructor() {
    super('Only the interviewers of this interview can submit a scorecard for it.');
  }
}

// ---- conflict with a pipeline rule (409) ---------------------------------------------------------

export class ApplicationAlreadyExists extends Conflict {
  readonly code = 'application-already-exists';
  constructor() {
    super('This application has already been submitted.');
  }
}

/** One active application per candidate email and job; raised by the handler that holds the reservation. */
export class DuplicateActiveApplication extends Conflict {
  readonly code = 'duplicate-active-application';
  constructor(readonly existingApplicationId: string) {
    super('This candidate already has an active application for this job.');
  }
  override get extensions() {
    return { existingApplicationId: this.existingApplicationId };
  }
}

export class ApplicationNotActive extends Conflict {
  readonly code = 'application-not-active';
  constructor(status: Exclude<ApplicationStatus, 'active'>) {
    const why: Record<typeof status, string> = {
      rejected: 'the candidate has been rejected (unreject the application first)',
      withdrawn: 'the candidate has withdrawn',
      hired: 'the candidate has been hired',
    };
    super(`This application can no longer be changed: ${why[status]}.`);
  }
}

export class AlreadyInStage extends Conflict {
  readonly code = 'already-in-stage';
  constructor(stage: Stage) {
    super(`The application is already in the ${label(stage)} stage.`);
  }
}

export class ReasonRequired extends Conflict {
  readonly code = 'reason-required';
  constructor(to: Stage) {
    super(`Moving to the ${label(to)} stage skips or goes back in the pipeline, so it needs a reason.`);
  }
}

export class InterviewsStillScheduled extends Conflict {
  readonly code = 'interviews-still-scheduled';
  constructor(stage: Stage) {
    super(
      `An interview of the ${label(stage)} stage is still scheduled: mark it held or no-show, or cancel it, before moving on.`,
    );
  }
}

export class NotAnInterviewStage extends Conflict {
  readonly code = 'not-an-interview-stage';
  constructor(stage: Stage) {
    super(`Interviews cannot be scheduled while the application is in the ${label(stage)} stage.`);
  }
}

export class InterviewKindNotInStage extends Conflict {
  readonly code = 'interview-kind-not-in-stage';
  constructor(kind: InterviewKind, stage: Stage) {
    super(`A ${label(kind)} interview does not belong to the ${label(stage)} stage.`);
  }
}

/** A retried request proposes the same id (ids derive from its Idempotency-Key): never record it twice. */
export class ReferenceAlreadyRecorded extends Conflict {
  readonly code = 'reference-already-recorded';
  constructor() {
    super('This reference has already been recorded.');
  }
}

export class CandidateUpdateAlreadyRecorded extends Conflict {
  readonly code = 'candidate-update-already-recorded';
  constructor() {
    super('This candidate update has already been recorded.');
  }
}

export class OfferAlreadyExtended extends Conflict {
  readonly code = 'offer-already-extended';
  constructor() {
    super('This offer has already been extended.');
  }
}

export class InterviewAlreadyExists extends Conflict {
  readonly code = 'interview-already-exists';
  constructor() {
    super('This interview has already been scheduled.');
  }
}

export class InterviewNotScheduled extends Conflict {
  readonly code = 'interview-not-scheduled';
  constructor(status: Exclude<InterviewStatus, 'scheduled'>) {
    super(`This interview is no longer scheduled: it was ${status === 'no_show' ? 'a no-show' : status}.`);
  }
}

export class InterviewNotHeld extends Conflict {
  readonly code = 'interview-not-held';
  constructor() {
    super('A scorecard can only be submitted once the interview has been held.');
  }
}

export class ScorecardAlreadySubmitted extends Conflict {
  readonly code = 'scorecard-already-submitted';
  constructor() {
    super('You have already submitted your scorecard for this interview.');
  }
}

export class NotInReferencesStage extends Conflict {
  readonly code = 'not-in-references-stage';
  constructor() {
    super('References can only be recorded while the application is in the references stage.');
  }
}

export class NotInOfferStage extends Conflict {
  readonly code = 'not-in-offer-stage';
  constructor() {
    super('An offer can only be extended once the application is in the offer stage.');
  }
}

export class OfferAlreadyOutstanding extends Conflict {
  readonly code = 'offer-already-outstanding';
  constructor() {
    super('An offer is already waiting for the candidate’s answer.');
  }
}

export class NoOutstandingOffer extends Conflict {
  readonly code = 'no-outstanding-offer';
  constructor() {
    super('There is no offer waiting for the candidate’s answer.');
  }
}

export class NotRejected extends Conflict {
  readonly code = 'not-rejected';
  constructor() {
    super('Only a rejected application can be unrejected.');
  }
}

export class JobAlreadyExists extends Conflict {
  readonly code = 'job-already-exists';
  constructor() {
    super('This job has already been opened.');
  }
}

export class JobClosed extends Conflict {
  readonly code = 'job-closed';
  constructor() {
    super('This job is closed and no longer accepts applications.');
  }
}

export class JobAlreadyClosed extends Conflict {
  readonly code = 'job-already-closed';
  constructor() {
    super('This job is already closed.');
  }
}
