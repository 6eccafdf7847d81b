/**
 * The fixed hiring pipeline (SPEC §2) and the vocabularies that go with it. The arrays are the wire
 * values, exported so that DTO validation and the domain share one list.
 */

export const STAGES = [
  'applied',
  'recruiter_screen',
  'manager_interviews',
  'technical',
  'cto',
  'references',
  'offer',
] as const;
export type Stage = (typeof STAGES)[number];

export const INTERVIEW_KINDS = [
  'recruiter_call',
  'engineering_managers',
  'system_design',
  'live_coding',
  'cto_meeting',
] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export const INTERVIEW_KIND_STAGE: Readonly<Record<InterviewKind, InterviewStage>> = {
  recruiter_call: 'recruiter_screen',
  engineering_managers: 'manager_interviews',
  system_design: 'technical',
  live_coding: 'technical',
  cto_meeting: 'cto',
};

export const INTERVIEW_STAGES = ['recruiter_screen', 'manager_interviews', 'technical', 'cto'] as const;
export type InterviewStage = (typeof INTERVIEW_STAGES)[number];

export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const REFERENCE_OUTCOMES = ['positive', 'mixed', 'negative'] as const;
export type ReferenceOutcome = (typeof REFERENCE_OUTCOMES)[number];

/** How the candidate was told where they stand (SPEC §6, candidate updates). */
export const CANDIDATE_UPDATE_CHANNELS = ['email', 'phone', 'message', 'in_person'] as const;
export type CandidateUpdateChannel = (typeof CANDIDATE_UPDATE_CHANNELS)[number];

export const APPLICATION_STATUSES = ['active', 'rejected', 'withdrawn', 'hired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const INTERVIEW_STATUSES = ['scheduled', 'held', 'cancelled', 'no_show'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const OFFER_STATUSES = ['extended', 'accepted', 'declined', 'rescinded'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

const includes = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export const isStage = (value: unknown): value is Stage => includes(STAGES, value);
export const isInterviewKind = (value: unknown): value is InterviewKind => includes(INTERVIEW_KINDS, value);
export const isInterviewStage = (value: unknown): value is InterviewStage => includes(INTERVIEW_STAGES, value);
export const isRecommendation = (value: unknown): value is Recommendation => includes(RECOMMENDATIONS, value);
export const isCandidateUpdateChannel = (value: unknown): value is CandidateUpdateChannel =>
  includes(CANDIDATE_UPDATE_CHANNELS, value);
export const isReferenceOutcome = (value: unknown): value is ReferenceOutcome => includes(REFERENCE_OUTCOMES, value);

/** Zero-based position in the pipeline (`applied` is 0); SPEC numbers the stages from 1. */
export const stageIndex = (stage: Stage): number => STAGES.indexOf(stage);

/** The stage after this one, or null after `offer`. */
export const nextStage = (stage: Stage): Stage | null => STAGES[stageIndex(stage) + 1] ?? null;

export const stageOfInterviewKind = (kind: InterviewKind): InterviewStage => INTERVIEW_KIND_STAGE[kind];

export const interviewKindsOf = (stage: Stage): InterviewKind[] =>
  INTERVIEW_KINDS.filter((kind) => INTERVIEW_KIND_STAGE[kind] === stage);
