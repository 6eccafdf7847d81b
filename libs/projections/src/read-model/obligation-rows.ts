import { type PolicyTimeline, obligationsUnder } from '@app/hiring';
import type { ApplicationRecord } from './application-record';

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
  return obligationsUnder(app, timeline).map((o) => ({
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
  }));
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
