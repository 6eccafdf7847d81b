import { aggregateStream, type EventStore, handleCommand } from '@app/event-store';
import {
  type Application,
  applicationAggregate,
  escalationRecipients,
  jobAggregate,
  judgingVersion,
  nextNotice,
  noticeRecord,
  type NoticeRecord,
  noticesAggregate,
  obligationOwners,
  obligationsUnder,
  type PolicyTimeline,
  recordedNotices,
  teamOf,
} from '@app/hiring';
import { sleep } from '../leadership';

/** An obligation whose next reminder or escalation may be due, as the read model knows it. */
export interface DueObligation {
  applicationId: string;
  obligationId: string;
}

/** "What falls due next": a query over the obligations read model, not an in-memory timer. */
export type DueObligations = (now: Date, limit: number) => Promise<DueObligation[]>;

/** The SLA policy's versions, which judge each obligation and place its reminder points. */
export type PolicyVersions = () => Promise<PolicyTimeline>;

export interface ReminderTimerOptions {
  now?: () => Date;
  /** How often it looks for what fell due; SPEC §6 allows 10 s from due to recorded. */
  pollMs?: number;
  batchSize?: number;
  onError?: (message: string) => void;
}

const ACTOR = 'sla-reminders';

/**
 * Records SPEC §6's reminders and escalations. Each round asks the read model which obligations
 * have a notice due, then for each one decides from the events themselves (the application, its
 * job's team, the policy, the notices already recorded) and appends to the application's notices
 * stream at the revision it read: a second timer, a restart between "due" and "recorded", or a
 * read model that lags, all end in the same single notice.
 */
export class ReminderTimer {
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly onError: (message: string) => void;

  constructor(
    private readonly store: EventStore,
    private readonly due: DueObligations,
    private readonly policy: PolicyVersions,
    options: ReminderTimerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = options.batchSize ?? 200;
    this.onError = options.onError ?? (() => undefined);
  }

  /**
   * Until the signal aborts: a round, then a pause. A full round that recorded something goes on at
   * once: a backlog (a service that was down, a first start on old data) is worked through without
   * a pause per batch, while rows that only lag the log do not spin it.
   */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let backlog = false;
      try {
        const { looked, recorded } = await this.round();
        backlog = looked === this.batchSize && recorded > 0;
      } catch (error) {
        this.onError(`reminders: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!backlog) await sleep(this.pollMs, signal);
    }
  }

  /** One round: records every notice due now; answers how many it recorded. */
  async tick(): Promise<number> {
    return (await this.round()).recorded;
  }

  private async round(): Promise<{ looked: number; recorded: number }> {
    const due = await this.due(this.now(), this.batchSize);
    if (due.length === 0) return { looked: 0, recorded: 0 };
    const timeline = await this.policy();
    let recorded = 0;
    for (const { applicationId, obligationId } of due) {
      if (await this.record(applicationId, obligationId, timeline)) recorded += 1;
    }
    return { looked: due.length, recorded };
  }

  private async record(applicationId: string, obligationId: string, timeline: PolicyTimeline): Promise<boolean> {
    const { state: app } = await aggregateStream(this.store, applicationAggregate, applicationId);
    if (app.status === 'none') return false;
    const obligation = obligationsUnder(app as Application, timeline).find((o) => o.id === obligationId);
    if (!obligation) return false;
    const team = teamOf((await aggregateStream(this.store, jobAggregate, app.jobId)).state);
    const version = judgingVersion(timeline, obligation);
    let before = 0;
    const outcome = await handleCommand(
      this.store,
      noticesAggregate,
      applicationId,
      (log, now) => {
        before = noticeCount(noticeRecord(log, obligation.id));
        const notice = nextNotice(obligation, version, now, recordedNotices(noticeRecord(log, obligation.id)));
        const recipients =
          notice?.type === 'escalation' ? escalationRecipients(obligation, team) : obligationOwners(obligation, team);
        return {
          type: 'RecordNotice' as const,
          data: { applicationId, jobId: app.jobId, obligation, notice, recipients },
          actor: ACTOR,
          now,
        };
      },
      { now: this.now, metadata: { actor: ACTOR } },
    );
    return noticeCount(noticeRecord(outcome.state, obligation.id)) > before;
  }
}

const noticeCount = (record: NoticeRecord) => record.reminders.length + (record.escalatedAt === null ? 0 : 1);
