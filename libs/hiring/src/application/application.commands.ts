import type { Command, NoData } from '../shared/decider';
import type { Recommendation, ReferenceOutcome } from '../stages';

/**
 * What recruiters, interviewers and admins ask of an application. Candidate personal data (name,
 * email, phone) is not here: the submit handler writes it to the personal-data store, so that
 * erasing it never means rewriting events.
 *
 * `kind` and `toStage` are plain strings because SPEC §2 gives an unknown value its own answer (400,
 * not 409), which the decider owns; field formats (lengths, rating 1–4, currency) are the DTOs' job.
 */
export type SubmitApplication = Command<
  'SubmitApplication',
  { applicationId: string; jobId: string; source?: string | null }
>;
export type ScheduleInterview = Command<
  'ScheduleInterview',
  { interviewId: string; kind: string; interviewerIds: string[]; scheduledAt: string; durationMinutes: number }
>;
export type MarkInterviewHeld = Command<'MarkInterviewHeld', { interviewId: string; heldAt: string }>;
export type MarkInterviewNoShow = Command<'MarkInterviewNoShow', { interviewId: string }>;
export type CancelInterview = Command<'CancelInterview', { interviewId: string; reason?: string | null }>;
/** Submitted by `actor`, who must be one of the interview's interviewers. */
export type SubmitScorecard = Command<
  'SubmitScorecard',
  { interviewId: string; rating: number; recommendation: Recommendation; notes?: string | null }
>;
export type MoveApplication = Command<'MoveApplication', { toStage: string; reason?: string | null }>;
export type RejectApplication = Command<'RejectApplication', { reasonCode: string; note?: string | null }>;
export type UnrejectApplication = Command<'UnrejectApplication', NoData>;
export type WithdrawApplication = Command<'WithdrawApplication', { reason?: string | null }>;
export type RecordReference = Command<
  'RecordReference',
  { referenceId: string; refereeName: string; relationship: string; outcome: ReferenceOutcome; notes?: string | null }
>;
export type ExtendOffer = Command<
  'ExtendOffer',
  { offerId: string; salary: number; currency: string; startDate: string }
>;
export type AcceptOffer = Command<'AcceptOffer', NoData>;
export type DeclineOffer = Command<'DeclineOffer', NoData>;
/**
 * The candidate was told where they stand (SPEC §6). `channel` is a plain string for the same reason
 * as `kind`: the decider owns the answer to an unknown one.
 */
export type RecordCandidateUpdate = Command<
  'RecordCandidateUpdate',
  { updateId: string; channel: string; summary?: string | null }
>;
export type EraseCandidateData = Command<'EraseCandidateData', NoData>;

export type ApplicationCommand =
  | SubmitApplication
  | ScheduleInterview
  | MarkInterviewHeld
  | MarkInterviewNoShow
  | CancelInterview
  | SubmitScorecard
  | MoveApplication
  | RejectApplication
  | UnrejectApplication
  | WithdrawApplication
  | RecordReference
  | ExtendOffer
  | AcceptOffer
  | DeclineOffer
  | RecordCandidateUpdate
  | EraseCandidateData;
