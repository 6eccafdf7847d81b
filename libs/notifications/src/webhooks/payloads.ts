import type { RecordedEvent } from '@app/event-store';
import type { ApplicationContext } from './application-context';
import { WEBHOOK_TYPE_OF_LOG_TYPE } from './event-types';

/**
 * What a webhook says about an event, per type. Each `data` is a whitelist: ids, stage, kind and
 * times (and a scorecard's rating and recommendation), never free text, reasons, referee names,
 * salaries or contact details, so nothing personal is stored in a delivery row or leaves the
 * system. The candidate's name is not here either: it is looked up at each attempt, so that an
 * erasure between two attempts is honoured (see WebhookBody).
 */
type About = { applicationId: string; jobId: string | null };
type Obligation = About & {
  obligationId: string;
  kind: string;
  stage: string | null;
  interviewerId: string | null;
  dueAt: string | null;
};
type Interview = About & { interviewId: string; stage: string | null; kind: string | null };

export type WebhookPayload =
  | { type: 'application.submitted'; data: About & { stage: 'applied'; submittedAt: string | null } }
  | {
      type: 'application.stage_changed';
      data: About & { from: string | null; to: string | null; changedAt: string | null };
    }
  | { type: 'application.rejected'; data: About & { stage: string | null; rejectedAt: string | null } }
  | { type: 'application.unrejected'; data: About & { stage: string | null; unrejectedAt: string | null } }
  | { type: 'application.withdrawn'; data: About & { stage: string | null; withdrawnAt: string | null } }
  | {
      type: 'application.hired';
      data: About & { offerId: string | null; stage: string | null; hiredAt: string | null };
    }
  | {
      type: 'interview.scheduled';
      data: Interview & { interviewerIds: string[]; scheduledAt: string | null; durationMinutes: number | null };
    }
  | { type: 'interview.held'; data: Interview & { heldAt: string | null } }
  | { type: 'interview.cancelled'; data: Interview & { cancelledAt: string | null } }
  | { type: 'interview.no_show'; data: Interview & { markedAt: string | null } }
  | {
      type: 'scorecard.submitted';
      data: Interview & {
        interviewerId: string | null;
        rating: number | null;
        recommendation: string | null;
        submittedAt: string | null;
      };
    }
  | {
      type: 'offer.extended';
      data: About & { offerId: string | null; stage: string | null; extendedAt: string | null };
    }
  | {
      type: 'offer.declined';
      data: About & { offerId: string | null; stage: string | null; declinedAt: string | null };
    }
  | {
      type: 'reference.recorded';
      data: About & { referenceId: string | null; stage: string | null; recordedAt: string | null };
    }
  | {
      type: 'candidate.updated';
      data: About & { updateId: string | null; channel: string | null; stage: string | null; at: string | null };
    }
  | { type: 'candidate.erased'; data: About & { erasedAt: string | null } }
  | { type: 'sla.reminder'; data: Obligation & { fraction: number | null; at: string | null; recipients: string[] } }
  | { type: 'sla.escalated'; data: Obligation & { at: string | null; recipients: string[] } }
  | { type: 'sla.met'; data: Obligation & { satisfiedAt: string; onTime: boolean } }
  | { type: 'webhook.test'; data: { webhookId: string } };

/** One webhook event: its payload, when it happened, and what makes it unique in the log. */
export interface WebhookEvent {
  /** Unique per event of the log (its position, and the obligation for sla.met). */
  sourceKey: string;
  occurredAt: string;
  payload: WebhookPayload;
}

/** An obligation met, as the integrator's SlaMetSource reports it for a log event. */
export interface MetObligation {
  applicationId: string;
  jobId: string;
  obligationId: string;
  kind: string;
  stage: string;
  interviewerId?: string;
  dueAt: string;
  satisfiedAt: string;
  onTime: boolean;
}

/** Which obligations a log event satisfied: the SLA rules know, so the integrator answers. */
export type SlaMetSource = (event: RecordedEvent) => Promise<MetObligation[]>;

const text = (data: Record<string, unknown>, key: string): string | null =>
  typeof data[key] === 'string' ? (data[key] as string) : null;
const num = (data: Record<string, unknown>, key: string): number | null =>
  typeof data[key] === 'number' ? (data[key] as number) : null;
const texts = (data: Record<string, unknown>, key: string): string[] =>
  Array.isArray(data[key]) ? (data[key] as unknown[]).filter((v): v is string => typeof v === 'string') : [];

const APPLICATION_PREFIX = 'application-';
const SLA_NOTICES_PREFIX = 'sla-notices-';

/** The application a log stream is about, if any. */
export function applicationIdOfStream(streamId: string): string | null {
  if (streamId.startsWith(APPLICATION_PREFIX)) return streamId.slice(APPLICATION_PREFIX.length);
  if (streamId.startsWith(SLA_NOTICES_PREFIX)) return streamId.slice(SLA_NOTICES_PREFIX.length);
  return null;
}

/**
 * The webhook payload of a log event, given what its application looked like just before it
 * (jobId, stage, interview kinds: facts most events do not repeat). Null for events no webhook
 * reports.
 */
export function payloadOf(event: RecordedEvent, before: ApplicationContext): WebhookPayload | null {
  const type = WEBHOOK_TYPE_OF_LOG_TYPE[event.type];
  const applicationId = applicationIdOfStream(event.streamId);
  if (type === undefined || applicationId === null) return null;
  const d = event.data;
  const about: About = { applicationId, jobId: before.jobId };
  const interviewId = text(d, 'interviewId') ?? '';
  const known = before.interviews[interviewId];
  const interview: Interview = { ...about, interviewId, stage: known?.stage ?? null, kind: known?.kind ?? null };
  const obligation = (): Obligation => ({
    applicationId: text(d, 'applicationId') ?? applicationId,
    jobId: text(d, 'jobId'),
    obligationId: text(d, 'obligationId') ?? '',
    kind: text(d, 'kind') ?? '',
    stage: text(d, 'stage'),
    interviewerId: text(d, 'interviewerId'),
    dueAt: text(d, 'dueAt'),
  });
  switch (type) {
    case 'application.submitted':
      return {
        type,
        data: { applicationId, jobId: text(d, 'jobId'), stage: 'applied', submittedAt: text(d, 'submittedAt') },
      };
    case 'application.stage_changed':
      return { type, data: { ...about, from: text(d, 'from'), to: text(d, 'to'), changedAt: text(d, 'changedAt') } };
    case 'application.rejected':
      return { type, data: { ...about, stage: text(d, 'stage'), rejectedAt: text(d, 'rejectedAt') } };
    case 'application.unrejected':
      return { type, data: { ...about, stage: text(d, 'stage'), unrejectedAt: text(d, 'unrejectedAt') } };
    case 'application.withdrawn':
      return { type, data: { ...about, stage: text(d, 'stage'), withdrawnAt: text(d, 'withdrawnAt') } };
    case 'application.hired':
      return {
        type,
        data: { ...about, offerId: text(d, 'offerId'), stage: before.stage, hiredAt: text(d, 'acceptedAt') },
      };
    case 'interview.scheduled':
      return {
        type,
        data: {
          ...interview,
          stage: text(d, 'stage'),
          kind: text(d, 'kind'),
          interviewerIds: texts(d, 'interviewerIds'),
          scheduledAt: text(d, 'scheduledAt'),
          durationMinutes: num(d, 'durationMinutes'),
        },
      };
    case 'interview.held':
      return { type, data: { ...interview, heldAt: text(d, 'heldAt') } };
    case 'interview.cancelled':
      return { type, data: { ...interview, cancelledAt: text(d, 'cancelledAt') } };
    case 'interview.no_show':
      return { type, data: { ...interview, markedAt: text(d, 'markedAt') } };
    case 'scorecard.submitted':
      return {
        type,
        data: {
          ...interview,
          interviewerId: text(d, 'interviewerId'),
          rating: num(d, 'rating'),
          recommendation: text(d, 'recommendation'),
          submittedAt: text(d, 'submittedAt'),
        },
      };
    case 'offer.extended':
      return {
        type,
        data: { ...about, offerId: text(d, 'offerId'), stage: before.stage, extendedAt: text(d, 'extendedAt') },
      };
    case 'offer.declined':
      return {
        type,
        data: { ...about, offerId: text(d, 'offerId'), stage: before.stage, declinedAt: text(d, 'declinedAt') },
      };
    case 'reference.recorded':
      return {
        type,
        data: { ...about, referenceId: text(d, 'referenceId'), stage: before.stage, recordedAt: text(d, 'recordedAt') },
      };
    case 'candidate.updated':
      return {
        type,
        data: {
          ...about,
          updateId: text(d, 'updateId'),
          channel: text(d, 'channel'),
          stage: before.stage,
          at: text(d, 'at'),
        },
      };
    case 'candidate.erased':
      return { type, data: { ...about, erasedAt: text(d, 'erasedAt') } };
    case 'sla.reminder':
      return {
        type,
        data: { ...obligation(), fraction: num(d, 'fraction'), at: text(d, 'at'), recipients: texts(d, 'recipients') },
      };
    case 'sla.escalated':
      return { type, data: { ...obligation(), at: text(d, 'at'), recipients: texts(d, 'recipients') } };
    case 'sla.met':
    case 'webhook.test':
      return null;
  }
}

export function metPayload(met: MetObligation): WebhookPayload {
  return {
    type: 'sla.met',
    data: {
      applicationId: met.applicationId,
      jobId: met.jobId,
      obligationId: met.obligationId,
      kind: met.kind,
      stage: met.stage,
      interviewerId: met.interviewerId ?? null,
      dueAt: met.dueAt,
      satisfiedAt: met.satisfiedAt,
      onTime: met.onTime,
    },
  };
}

export const applicationIdOf = (payload: WebhookPayload): string | null =>
  'applicationId' in payload.data ? payload.data.applicationId : null;

/** The JSON a standard-format endpoint receives. */
export interface WebhookBody {
  type: WebhookPayload['type'];
  timestamp: string;
  data: WebhookPayload['data'] & { candidateName?: string | null };
}

/** Adds the candidate's name as it is at this attempt: null once erased. */
export function standardBody(payload: WebhookPayload, occurredAt: string, candidateName: string | null): WebhookBody {
  const data = applicationIdOf(payload) === null ? payload.data : { ...payload.data, candidateName };
  return { type: payload.type, timestamp: occurredAt, data };
}
