/**
 * The hiring domain: pure data and functions, no Nest and no I/O. Time always arrives in commands
 * (`now`); nothing here reads a clock.
 */
export * from './stages';
export * from './errors';
export type { Command, CommandRequest, Event, Decider, NoData } from './shared/decider';
export { type Instant, canonicalInstant } from './shared/instant';
export { assertNever } from './shared/assert-never';

export type {
  JobCommand,
  OpenJob,
  CloseJob,
  ChangeJobTeam,
  JobEvent,
  JobState,
  OpenJobState,
  JobTeam,
} from './job/job';
export { JOB_TEAM_LIMITS, closesIntake, jobIntakeKey, teamOf } from './job/job';
export {
  decide as decideJob,
  evolve as evolveJob,
  initialState as initialJobState,
  jobDecider,
  requireOpenJob,
} from './job/job.decider';

export type * from './application/application.commands';
export type * from './application/application.events';
export type {
  ApplicationState,
  NoApplication,
  Application,
  ApplicationFile,
  ApplicationOutcome,
  Rejection,
  Withdrawal,
  StageVisit,
  Interview,
  Scorecard,
  Reference,
  Offer,
  DecisionRecord,
  SchedulingRecord,
  WaitRecord,
  CandidateUpdate,
} from './application/application.state';
export {
  initialState as initialApplicationState,
  outstandingOffer,
  reservationChange,
} from './application/application.state';
export {
  decide as decideApplication,
  HELD_AT_TOLERANCE_MINUTES,
  INTERVIEW_MINUTES,
} from './application/application.decide';
export { evolve as evolveApplication } from './application/application.evolve';
export { applicationDecider } from './application/application.decider';

export * from './sla/calendar';
export * from './sla/policy';
export * from './sla/policy-problems';
export type { ChangeSlaPolicy, SeedSlaPolicy, SlaPolicyCommand, SlaPolicyEvent } from './sla/sla-policy.decider';
export {
  decide as decideSlaPolicy,
  evolve as evolveSlaPolicy,
  initialState as initialPolicyTimeline,
  slaPolicyDecider,
} from './sla/sla-policy.decider';
export * from './sla/obligations';
export * from './sla/classification';
export * from './sla/owners';
export * from './sla/reminders';

export * from './events/schema-versions';
export * from './events/parse';
export * from './events/streams';
export { applicationAggregate, jobAggregate, noticesAggregate, slaPolicyAggregate } from './aggregates';
export type {
  NoticeEvent,
  NoticeLog,
  NoticeRecord,
  ObligationEscalated,
  ObligationReminderRecorded,
  RecordNotice,
} from './sla/notices.decider';
export { noticeRecord, noticesDecider, recordedNotices } from './sla/notices.decider';
export * from './events/personal-text';
export * from './sla/policy-example';
