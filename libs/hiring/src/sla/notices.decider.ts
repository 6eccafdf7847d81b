import { assertNever } from '../shared/assert-never';
import type { Command, Decider, Event } from '../shared/decider';
import { canonicalInstant, type Instant } from '../shared/instant';
import type { Stage } from '../stages';
import type { Obligation } from './obligations';
import type { ObligationKind } from './policy';
import type { Notice, RecordedNotices } from './reminders';

/**
 * The reminders and escalations recorded about one application's obligations (SPEC §6). They are
 * facts about what we told people, not decisions about the application, so they live in a stream of
 * their own (`sla-notices-<applicationId>`): recording one never changes the application's version
 * under a client's If-Match. Appending at the expected revision makes each notice exactly once,
 * whatever the number of timers racing for it.
 */
type NoticeData = {
  applicationId: string;
  jobId: string;
  obligationId: string;
  kind: ObligationKind;
  stage: Stage;
  interviewerId: string | null;
  dueAt: Instant;
  at: Instant;
  recipients: string[];
};

export type ObligationReminderRecorded = Event<'ObligationReminderRecorded', NoticeData & { fraction: number }>;
export type ObligationEscalated = Event<'ObligationEscalated', NoticeData>;
export type NoticeEvent = ObligationReminderRecorded | ObligationEscalated;

export type RecordNotice = Command<
  'RecordNotice',
  {
    applicationId: string;
    jobId: string;
    obligation: Pick<Obligation, 'id' | 'kind' | 'stage' | 'interviewerId' | 'dueAt'>;
    /** What is due now (see nextNotice), or null: then nothing is recorded. */
    notice: Notice | null;
    recipients: string[];
  }
>;

/** Per obligation id, what was recorded; one reminder entry per fraction, at most one escalation. */
export type NoticeLog = Readonly<Record<string, NoticeRecord>>;
export type NoticeRecord = {
  reminders: { fraction: number; at: Instant; recipients: string[] }[];
  escalatedAt: Instant | null;
  escalationRecipients: string[];
};

export const initialState: NoticeLog = {};

const EMPTY: NoticeRecord = { reminders: [], escalatedAt: null, escalationRecipients: [] };

export const noticeRecord = (log: NoticeLog, obligationId: string): NoticeRecord => log[obligationId] ?? EMPTY;

/** In the shape nextNotice reads. */
export const recordedNotices = (record: NoticeRecord): RecordedNotices => ({
  fractions: record.reminders.map((reminder) => reminder.fraction),
  escalated: record.escalatedAt !== null,
});

/**
 * Records the notice unless it, or a later point of the same obligation, already was: a timer that
 * lost a race, or one that restarted between "due" and "recorded", decides nothing the second time.
 */
export function decide({ data, actor: _actor, now }: RecordNotice, log: NoticeLog): NoticeEvent[] {
  const at = canonicalInstant(now, 'now');
  const record = noticeRecord(log, data.obligation.id);
  if (data.notice === null || record.escalatedAt !== null) return [];
  const about: NoticeData = {
    applicationId: data.applicationId,
    jobId: data.jobId,
    obligationId: data.obligation.id,
    kind: data.obligation.kind,
    stage: data.obligation.stage,
    interviewerId: data.obligation.interviewerId ?? null,
    dueAt: data.obligation.dueAt,
    at,
    recipients: [...new Set(data.recipients)],
  };
  switch (data.notice.type) {
    case 'reminder': {
      const { fraction } = data.notice;
      if (record.reminders.some((reminder) => reminder.fraction >= fraction)) return [];
      return [{ type: 'ObligationReminderRecorded', data: { ...about, fraction } }];
    }
    case 'escalation':
      return [{ type: 'ObligationEscalated', data: about }];
    default:
      return assertNever(data.notice);
  }
}

export function evolve(log: NoticeLog, event: NoticeEvent): NoticeLog {
  const { obligationId, at, recipients } = event.data;
  const record = noticeRecord(log, obligationId);
  switch (event.type) {
    case 'ObligationReminderRecorded':
      return {
        ...log,
        [obligationId]: {
          ...record,
          reminders: [...record.reminders, { fraction: event.data.fraction, at, recipients }],
        },
      };
    case 'ObligationEscalated':
      return { ...log, [obligationId]: { ...record, escalatedAt: at, escalationRecipients: recipients } };
    default:
      return assertNever(event);
  }
}

export const noticesDecider: Decider<RecordNotice, NoticeEvent, NoticeLog> = { decide, evolve, initialState };
