import {
  type Obligation,
  type NoticeRecord,
  type PolicyTimeline,
  type SlaPolicyVersion,
  judgingVersion,
  nextNoticeAt,
  noticeRecord,
  obligationsUnder,
  recordedNotices,
} from '@app/hiring';
import type { ApplicationRecord } from './application-record';

/** A reminder recorded about an obligation (SPEC §6), as its row and the API show it. */
export type ReminderEntry = { fraction: number; at: string; recipients: string[] };

export type ObligationRow = {
  application_id: string;
  obligation_id: string;
  job_id: string;
  kind: string;
  stage: string;
  interview_id: string | null;
  interviewer_id: string | null;
  started_at: string;
  due_at: string;
  satisfied_at: string | null;
  cancelled_at: string | null;
  /** The SLA policy version in force at started_at, which judges it. */
  policy_version: number;
  target_hours: number;
} & NoticeColumns;

/** What has been recorded about the obligation's reminders and escalation, and what falls due next. */
export type NoticeColumns = {
  reminders: ReminderEntry[];
  escalated_at: string | null;
  /** Who the escalation went to: the owners, then the job's hiring managers and recruiters. */
  escalation_recipients: string[];
  /**
   * The instant of the first reminder or escalation point not yet recorded, for the timer's query;
   * null once settled, or when nothing more will ever be recorded.
   */
  next_notice_at: string | null;
};

/**
 * A wait for an interview to be booked (SPEC §7), whether or not the policy of its day made it an
 * obligation: a later version that turns scheduling on, or a preview, needs every one of them.
 */
export type SchedulingWaitRow = {
  application_id: string;
  /** The id its obligation has (or would have): `scheduling:<n>`. */
  obligation_id: string;
  job_id: string;
  stage: string;
  started_at: string;
  satisfied_at: string | null;
  cancelled_at: string | null;
};

/** What the domain's obligationsUnder() says the application owes, each judged by the version in force at its start. */
export function obligationRows(record: ApplicationRecord, timeline: PolicyTimeline): ObligationRow[] {
  const app = record.state;
  if (app.status === 'none') return [];
  const application_id = record.id;
  const job_id = app.jobId;
  return obligationsUnder(app, timeline).map((o): ObligationRow => ({
    application_id,
    obligation_id: o.id,
    job_id,
    kind: o.kind,
    stage: o.stage,
    interview_id: o.interviewId ?? null,
    interviewer_id: o.interviewerId ?? null,
    started_at: o.startedAt,
    due_at: o.dueAt,
    satisfied_at: o.satisfiedAt ?? null,
    cancelled_at: o.cancelledAt ?? null,
    policy_version: o.policyVersion,
    target_hours: o.targetHours,
    ...noticeColumns(o, judgingVersion(timeline, o), noticeRecord(record.notices, o.id)),
  }));
}

/**
 * The notice columns of an obligation judged by `version`, from what was recorded about it. The next
 * point is computed from the obligation's start, not from any clock: it is a fact of the record,
 * and a point already past is exactly what the timer must find.
 */
export function noticeColumns(obligation: Obligation, version: SlaPolicyVersion, record: NoticeRecord): NoticeColumns {
  const settled = obligation.satisfiedAt !== undefined || obligation.cancelledAt !== undefined;
  return {
    reminders: record.reminders.map(({ fraction, at, recipients }) => ({ fraction, at, recipients })),
    escalated_at: record.escalatedAt,
    escalation_recipients: record.escalationRecipients,
    next_notice_at: settled ? null : nextNoticeAt(obligation, version, obligation.startedAt, recordedNotices(record)),
  };
}

export function schedulingWaitRows(record: ApplicationRecord): SchedulingWaitRow[] {
  const app = record.state;
  if (app.status === 'none') return [];
  return app.schedulings.map((wait, index) => ({
    application_id: record.id,
    // The domain numbers scheduling obligations by their place among the application's waits.
    obligation_id: `scheduling:${index}`,
    job_id: app.jobId,
    stage: wait.stage,
    started_at: wait.startedAt,
    satisfied_at: wait.satisfiedAt,
    cancelled_at: wait.cancelledAt,
  }));
}
