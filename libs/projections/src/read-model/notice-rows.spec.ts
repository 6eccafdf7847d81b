import {
  type ApplicationEvent,
  DEFAULT_POLICY_VERSION,
  EPOCH,
  type NoticeEvent,
  type SlaPolicyDocument,
  type SlaPolicyVersion,
  noticesDecider,
  normalisePolicy,
} from '@app/hiring';
import {
  ALICE,
  APPLICATION_ID,
  JOB_ID,
  application,
  held,
  mon,
  moved,
  scheduled,
  scorecard,
  submitted,
  thu,
  tue,
  wed,
} from '@app/hiring/testing/application-fixtures';
import type { ApplicationRecord } from './application-record';
import { deriveRows } from './derived-rows';

/*
 * deriveRows for SPEC §6: given an application's events and the reminders and escalations recorded
 * about it, its obligation rows show what was recorded and when the next point falls due — the
 * instant the reminder timer looks for.
 */

const ID = '00000000-0000-4000-8000-000000000002';
const SCORECARD = `scorecard:call:${ALICE}`;

const version = (n: number, document: SlaPolicyDocument): SlaPolicyVersion => ({
  ...DEFAULT_POLICY_VERSION,
  version: n,
  effectiveFrom: EPOCH,
  policy: normalisePolicy(document),
});
const DEFAULTS = version(1, {});

/** Alice's call in the recruiter screen, held Monday 10:00: her scorecard is due Wednesday 10:00. */
const heldCall = (heldAt = mon('10:00')): ApplicationEvent[] => [
  submitted(mon('09:00')),
  moved('applied', 'recruiter_screen', mon('09:30')),
  scheduled('call', 'recruiter_call', [ALICE], mon('09:45')),
  held('call', heldAt),
];

const about = (dueAt = wed('10:00')) => ({
  applicationId: APPLICATION_ID,
  jobId: JOB_ID,
  obligationId: SCORECARD,
  kind: 'scorecard' as const,
  stage: 'recruiter_screen' as const,
  interviewerId: ALICE,
  dueAt,
});
const reminded = (fraction: number, at: string): NoticeEvent => ({
  type: 'ObligationReminderRecorded',
  data: { ...about(), fraction, at, recipients: [ALICE] },
});
const escalated = (at: string): NoticeEvent => ({
  type: 'ObligationEscalated',
  data: { ...about(), at, recipients: [ALICE, 'manager-max'] },
});

function scorecardRow(events: ApplicationEvent[], notices: NoticeEvent[], timeline = [DEFAULTS]) {
  const record: ApplicationRecord = {
    id: ID,
    version: events.length - 1,
    position: events.length,
    state: application(...events),
    statusLog: [],
    notices: notices.reduce(noticesDecider.evolve, noticesDecider.initialState),
    noticesVersion: notices.length - 1,
  };
  const row = deriveRows(record, timeline).obligations.find((o) => o.obligation_id === SCORECARD);
  if (!row) throw new Error('no scorecard row');
  const { reminders, escalated_at, escalation_recipients, next_notice_at } = row;
  return { reminders, escalated_at, escalation_recipients, next_notice_at };
}

describe('the notice columns of an obligation row', () => {
  it('fall due first at half the target, with nothing recorded yet', () =>
    expect(scorecardRow(heldCall(), [])).toEqual({
      reminders: [],
      escalated_at: null,
      escalation_recipients: [],
      next_notice_at: tue('10:00'),
    }));

  it('move on to three quarters once the first reminder is recorded, and show it', () =>
    expect(scorecardRow(heldCall(), [reminded(0.5, tue('10:00'))])).toEqual({
      reminders: [{ fraction: 0.5, at: tue('10:00'), recipients: [ALICE] }],
      escalated_at: null,
      escalation_recipients: [],
      next_notice_at: tue('22:00'),
    }));

  it('skip a reminder overtaken by a later one, and fall due next at the due time', () =>
    expect(scorecardRow(heldCall(), [reminded(0.75, tue('23:00'))]).next_notice_at).toBe(wed('10:00')));

  it('have nothing left to fall due once escalated, and say to whom it went', () =>
    expect(scorecardRow(heldCall(), [reminded(0.5, tue('10:00')), escalated(wed('10:00'))])).toMatchObject({
      escalated_at: wed('10:00'),
      escalation_recipients: [ALICE, 'manager-max'],
      next_notice_at: null,
    }));

  it('have nothing left to fall due once the obligation is met, keeping what was recorded', () =>
    expect(
      scorecardRow([...heldCall(), scorecard('call', ALICE, tue('12:00'))], [reminded(0.5, tue('10:00'))]),
    ).toMatchObject({ reminders: [expect.objectContaining({ fraction: 0.5 })], next_notice_at: null }));

  it('follow the reminder fractions of the version that judges the obligation', () =>
    expect(scorecardRow(heldCall(), [], [version(1, { reminders: [0.25] })]).next_notice_at).toBe(mon('22:00')));

  it('fall on working hours with a business calendar: half of 8 hours from Thursday 16:00 is Monday 12:00', () => {
    const business = version(1, {
      targets: { scorecard: { hours: 8 } },
      calendar: {
        type: 'business',
        timeZone: 'UTC',
        workingHours: { mon: [['08:00', '16:00']], tue: [['08:00', '16:00']], thu: [['08:00', '16:00']] },
      },
    });
    // Thursday's day is over and Friday is not worked: counting starts on Monday at 08:00.
    expect(scorecardRow(heldCall(thu('16:00')), [], [business]).next_notice_at).toBe('2026-11-30T12:00:00.000Z');
  });
});
