import {
  type Application,
  type JobTeam,
  type NoticeLog,
  type Obligation,
  type PolicyTimeline,
  noticeRecord,
  obligationOwners,
  obligationsUnder,
} from '@app/hiring';
import { CandidateRecord } from '@app/candidates';

/** What SPEC §6 adds to each obligation: who owes it, and the notices recorded about it. */
export interface Promises {
  team: JobTeam;
  notices: NoticeLog;
}

/**
 * SPEC §4's GET /applications/:id, from the folded stream and the personal-data store; each
 * obligation with its owners from the job's team and its notices from the notices stream (§6).
 */
export function applicationView(
  app: Application,
  version: number,
  candidate: CandidateRecord | null,
  timeline: PolicyTimeline,
  promises: Promises,
  /** Interviews whose scorecards the caller may not see yet (blind feedback). */
  blind: ReadonlySet<string> = new Set(),
) {
  return {
    id: app.applicationId,
    jobId: app.jobId,
    status: app.status,
    stage: app.stage,
    stageEnteredAt: app.stageEnteredAt,
    submittedAt: app.submittedAt,
    source: app.source,
    version,
    candidate:
      app.erased || !candidate
        ? { name: null, email: null, phone: null }
        : { name: candidate.name, email: candidate.email, phone: candidate.phone },
    erased: app.erased,
    interviews: app.interviews.map((interview) => ({
      id: interview.id,
      stage: interview.stage,
      kind: interview.kind,
      interviewerIds: interview.interviewerIds,
      scheduledAt: interview.scheduledAt,
      durationMinutes: interview.durationMinutes,
      status: interview.status,
      heldAt: interview.heldAt,
      // Only an interviewer without a scorecard of their own is blind, so every card is someone else's.
      scorecards: blind.has(interview.id) ? [] : interview.scorecards,
    })),
    references: app.references,
    candidateUpdates: app.candidateUpdates,
    offer: app.offer,
    rejection: app.status === 'rejected' ? app.rejection : null,
    withdrawal: app.status === 'withdrawn' ? app.withdrawal : null,
    hiredAt: app.status === 'hired' ? app.hiredAt : null,
    stageHistory: app.visits,
    // Each judged by the SLA policy version in force at its start (SPEC §7), as the dashboards judge it.
    obligations: obligationsUnder(app, timeline).map((obligation) => obligationView(obligation, promises)),
  };
}

function obligationView(obligation: Obligation, { team, notices }: Promises) {
  const { id, kind, stage, interviewId, interviewerId, startedAt, dueAt, satisfiedAt, cancelledAt } = obligation;
  const recorded = noticeRecord(notices, id);
  return {
    id,
    kind,
    stage,
    interviewId,
    interviewerId,
    startedAt,
    dueAt,
    satisfiedAt: satisfiedAt ?? null,
    cancelledAt: cancelledAt ?? null,
    targetHours: obligation.targetHours,
    policyVersion: obligation.policyVersion,
    owners: obligationOwners(obligation, team),
    escalated: recorded.escalatedAt !== null,
    escalatedAt: recorded.escalatedAt,
    reminders: recorded.reminders.map(({ fraction, at, recipients }) => ({ fraction, at, recipients })),
  };
}

export type ApplicationView = ReturnType<typeof applicationView>;
