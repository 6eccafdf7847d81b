import type { RecordedEvent } from '@app/event-store';
import {
  assertNever,
  type ApplicationState,
  type ApplicationStatus,
  evolveApplication,
  initialApplicationState,
  type NoticeLog,
  noticesDecider,
  parseApplicationEvent,
  parseNoticeEvent,
  withoutPersonalText,
} from '@app/hiring';

const NOTICES_PREFIX = 'sla-notices-';

/** When the application's status changed, and to what. */
export type StatusChange = { status: ApplicationStatus; at: string };

/**
 * What the projection remembers about one application between batches: the domain's folded state,
 * the stream revision it reflects (events at or below it are replays and are skipped), and the
 * status history the state itself does not keep. Beside it, the reminders and escalations recorded
 * about its obligations (the `sla-notices-<id>` stream, with its own revision): they are not the
 * application's events, but its obligation rows show them and say when the next one falls due.
 */
export type ApplicationRecord = {
  id: string;
  version: number;
  position: number;
  state: ApplicationState;
  statusLog: StatusChange[];
  notices: NoticeLog;
  noticesVersion: number;
};

export const newRecord = (id: string): ApplicationRecord => ({
  id,
  version: -1,
  position: 0,
  state: initialApplicationState,
  statusLog: [],
  notices: noticesDecider.initialState,
  noticesVersion: -1,
});

/** Folds one recorded event of the application's stream or of its notices stream in. */
export function foldEvent(record: ApplicationRecord, recorded: RecordedEvent): ApplicationRecord {
  return recorded.streamId.startsWith(NOTICES_PREFIX)
    ? foldNotice(record, recorded)
    : foldApplication(record, recorded);
}

/** A notice already reflected (a replay) changes nothing; `position` stays the application's own. */
function foldNotice(record: ApplicationRecord, recorded: RecordedEvent): ApplicationRecord {
  if (recorded.revision <= record.noticesVersion) return record;
  return {
    ...record,
    notices: noticesDecider.evolve(record.notices, parseNoticeEvent(recorded)),
    noticesVersion: recorded.revision,
  };
}

/**
 * An event already reflected (a replay) changes nothing. Personal text is left out: the record is
 * stored (application_states), and what crypto-shredding protects in the log must not outlive the
 * key here, whether or not CandidateDataErased ever arrives.
 */
function foldApplication(record: ApplicationRecord, recorded: RecordedEvent): ApplicationRecord {
  if (recorded.revision <= record.version) return record;
  const event = withoutPersonalText(parseApplicationEvent(recorded));
  const state = evolveApplication(record.state, event);
  const change = statusChange(
    record.state,
    state,
    event.type === 'ApplicationUnrejected' ? event.data.unrejectedAt : null,
  );
  return {
    ...record,
    version: recorded.revision,
    position: recorded.position,
    state,
    statusLog: change ? [...record.statusLog, change] : record.statusLog,
  };
}

/**
 * The time of a status change is in the state for every status but a return to active: the submit
 * time for a new application, the unreject event's time after a rejection.
 */
function statusChange(
  before: ApplicationState,
  after: ApplicationState,
  unrejectedAt: string | null,
): StatusChange | null {
  if (after.status === 'none' || after.status === before.status) return null;
  switch (after.status) {
    case 'active':
      return {
        status: 'active',
        at: before.status === 'none' ? after.submittedAt : (unrejectedAt ?? after.stageEnteredAt),
      };
    case 'rejected':
      return { status: 'rejected', at: after.rejection.rejectedAt };
    case 'withdrawn':
      return { status: 'withdrawn', at: after.withdrawal.withdrawnAt };
    case 'hired':
      return { status: 'hired', at: after.hiredAt };
    default:
      return assertNever(after);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The aggregate id of a stream of this kind, or null for other streams (and ids that are not UUIDs). */
export function streamEntityId(streamId: string, prefix: 'application-' | 'job-' | 'sla-notices-'): string | null {
  if (!streamId.startsWith(prefix)) return null;
  const id = streamId.slice(prefix.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}
