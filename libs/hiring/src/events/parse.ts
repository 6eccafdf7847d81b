import type { ApplicationEvent, ApplicationEventOf, ApplicationEventType } from '../application/application.events';
import type { JobEvent } from '../job/job';
import { policyProblems } from '../sla/policy-problems';
import type { NoticeEvent } from '../sla/notices.decider';
import { OBLIGATION_KINDS } from '../sla/policy';
import type { SlaPolicyEvent } from '../sla/sla-policy.decider';
import {
  isCandidateUpdateChannel,
  isInterviewKind,
  isInterviewStage,
  isRecommendation,
  isReferenceOutcome,
  isStage,
} from '../stages';
import { EventSchemaError, type EventData, upcast } from './schema-versions';

/** An event as the store hands it back. */
export type StoredEvent = { type: string; schemaVersion: number; data: unknown };

type Check = (value: unknown) => boolean;
/** One check per key of the payload: the compiler insists on every key, and on no other. */
type Shape<Data> = { [Key in keyof Data]-?: Check };

const text: Check = (value) => typeof value === 'string';
const optionalText: Check = (value) => value === null || typeof value === 'string';
const number: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const texts: Check = (value) => Array.isArray(value) && value.every(text);

const APPLICATION_SHAPES: { [T in ApplicationEventType]: Shape<ApplicationEventOf<T>['data']> } = {
  ApplicationSubmitted: { applicationId: text, jobId: text, source: optionalText, submittedAt: text, by: text },
  InterviewScheduled: {
    interviewId: text,
    stage: isInterviewStage,
    kind: isInterviewKind,
    interviewerIds: texts,
    scheduledAt: text,
    durationMinutes: number,
    bookedAt: text,
    by: text,
  },
  InterviewHeld: { interviewId: text, heldAt: text, recordedAt: text, by: text },
  InterviewMarkedNoShow: { interviewId: text, markedAt: text, by: text },
  InterviewCancelled: { interviewId: text, reason: optionalText, cancelledAt: text, by: text },
  ScorecardSubmitted: {
    interviewId: text,
    interviewerId: text,
    rating: number,
    recommendation: isRecommendation,
    notes: optionalText,
    submittedAt: text,
  },
  StageChanged: { from: isStage, to: isStage, reason: optionalText, changedAt: text, by: text },
  ApplicationRejected: { stage: isStage, reasonCode: text, note: optionalText, rejectedAt: text, by: text },
  ApplicationUnrejected: { stage: isStage, unrejectedAt: text, by: text },
  ApplicationWithdrawn: { stage: isStage, reason: optionalText, withdrawnAt: text, by: text },
  ReferenceRecorded: {
    referenceId: text,
    refereeName: optionalText,
    relationship: optionalText,
    outcome: isReferenceOutcome,
    notes: optionalText,
    recordedAt: text,
    by: text,
  },
  OfferExtended: { offerId: text, salary: number, currency: text, startDate: text, extendedAt: text, by: text },
  OfferAccepted: { offerId: text, acceptedAt: text, by: text },
  OfferDeclined: { offerId: text, declinedAt: text, by: text },
  CandidateUpdated: { updateId: text, channel: isCandidateUpdateChannel, summary: optionalText, at: text, by: text },
  CandidateDataErased: { erasedAt: text, by: text },
};

const JOB_SHAPES: { [T in JobEvent['type']]: Shape<Extract<JobEvent, { type: T }>['data']> } = {
  JobOpened: {
    jobId: text,
    title: text,
    department: optionalText,
    openedAt: text,
    by: text,
    recruiterIds: texts,
    hiringManagerIds: texts,
  },
  JobClosed: { closedAt: text, by: text },
  JobTeamChanged: { recruiterIds: texts, hiringManagerIds: texts, changedAt: text, by: text },
};

const SLA_POLICY_SHAPES: { [T in SlaPolicyEvent['type']]: Shape<Extract<SlaPolicyEvent, { type: T }>['data']> } = {
  SlaPolicyChanged: {
    version: (value) => Number.isInteger(value),
    effectiveFrom: text,
    // A normalised policy is a complete, valid document without effectiveFrom.
    policy: (value) =>
      typeof value === 'object' &&
      value !== null &&
      ['targets', 'calendar', 'reminders'].every((key) => key in value) &&
      !('effectiveFrom' in value) &&
      policyProblems(value).length === 0,
    changedAt: text,
    by: text,
  },
};

const isObligationKind: Check = (value) => (OBLIGATION_KINDS as readonly unknown[]).includes(value);
const notice = {
  applicationId: text,
  jobId: text,
  obligationId: text,
  kind: isObligationKind,
  stage: isStage,
  interviewerId: optionalText,
  dueAt: text,
  at: text,
  recipients: texts,
};
const NOTICE_SHAPES: { [T in NoticeEvent['type']]: Shape<Extract<NoticeEvent, { type: T }>['data']> } = {
  ObligationReminderRecorded: { ...notice, fraction: (value) => typeof value === 'number' && value > 0 && value < 1 },
  ObligationEscalated: notice,
};

export const isApplicationEventType = (type: string): type is ApplicationEventType =>
  Object.hasOwn(APPLICATION_SHAPES, type);

export const isJobEventType = (type: string): type is JobEvent['type'] => Object.hasOwn(JOB_SHAPES, type);

export const isSlaPolicyEventType = (type: string): type is SlaPolicyEvent['type'] =>
  Object.hasOwn(SLA_POLICY_SHAPES, type);

/** Upcasts a stored application event and checks its payload; throws EventSchemaError otherwise. */
export function parseApplicationEvent(stored: StoredEvent): ApplicationEvent {
  if (!isApplicationEventType(stored.type)) throw new EventSchemaError(`"${stored.type}" is not an application event.`);
  const data = checked(stored, APPLICATION_SHAPES[stored.type]);
  // The shape check above is what makes this assertion true.
  return { type: stored.type, data } as ApplicationEvent;
}

/** Upcasts a stored job event and checks its payload; throws EventSchemaError otherwise. */
export function parseJobEvent(stored: StoredEvent): JobEvent {
  if (!isJobEventType(stored.type)) throw new EventSchemaError(`"${stored.type}" is not a job event.`);
  const data = checked(stored, JOB_SHAPES[stored.type]);
  return { type: stored.type, data } as JobEvent;
}

export const isNoticeEventType = (type: string): type is NoticeEvent['type'] => Object.hasOwn(NOTICE_SHAPES, type);

/** Upcasts a stored reminder or escalation; throws EventSchemaError otherwise. */
export function parseNoticeEvent(stored: StoredEvent): NoticeEvent {
  if (!isNoticeEventType(stored.type)) throw new EventSchemaError(`"${stored.type}" is not an SLA notice event.`);
  return { type: stored.type, data: checked(stored, NOTICE_SHAPES[stored.type]) } as NoticeEvent;
}

/** Upcasts a stored SLA policy event and checks its payload; throws EventSchemaError otherwise. */
export function parseSlaPolicyEvent(stored: StoredEvent): SlaPolicyEvent {
  if (!isSlaPolicyEventType(stored.type)) throw new EventSchemaError(`"${stored.type}" is not an SLA policy event.`);
  const data = checked(stored, SLA_POLICY_SHAPES[stored.type]);
  return { type: stored.type, data } as SlaPolicyEvent;
}

function checked(stored: StoredEvent, shape: Record<string, Check>): EventData {
  if (typeof stored.data !== 'object' || stored.data === null || Array.isArray(stored.data)) {
    throw new EventSchemaError(`${stored.type} has no payload object.`);
  }
  const data = upcast(stored.type, stored.schemaVersion, stored.data as EventData);
  const broken = Object.keys(shape).filter((key) => !shape[key](data[key]));
  if (broken.length > 0) throw new EventSchemaError(`${stored.type} has invalid fields: ${broken.join(', ')}.`);
  return data;
}
