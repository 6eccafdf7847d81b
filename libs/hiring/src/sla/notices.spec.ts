import { specFor } from '../testing/given';
import { type NoticeEvent, noticesDecider, recordedNotices, noticeRecord, type RecordNotice } from './notices.decider';

const given = specFor(noticesDecider, { actor: 'reminder-timer', now: '2026-11-24T10:00:00.000Z' });

const obligation = {
  id: 'scorecard:i-1:alice',
  kind: 'scorecard' as const,
  stage: 'technical' as const,
  interviewerId: 'alice',
  dueAt: '2026-11-25T10:00:00.000Z',
};
const about = {
  applicationId: 'a-1',
  jobId: 'j-1',
  obligationId: obligation.id,
  kind: obligation.kind,
  stage: obligation.stage,
  interviewerId: 'alice',
  dueAt: obligation.dueAt,
};
const remind = (fraction: number, at = '2026-11-24T10:00:00.000Z'): NoticeEvent => ({
  type: 'ObligationReminderRecorded',
  data: { ...about, fraction, at, recipients: ['alice'] },
});
const escalated = (at = '2026-11-25T10:00:00.000Z'): NoticeEvent => ({
  type: 'ObligationEscalated',
  data: { ...about, at, recipients: ['alice', 'hm-1'] },
});
const record = (notice: RecordNotice['data']['notice'], recipients = ['alice']) => ({
  type: 'RecordNotice' as const,
  data: { applicationId: 'a-1', jobId: 'j-1', obligation, notice, recipients },
});

describe('recording reminders and escalations', () => {
  it('records a reminder to the owners when its point is reached', () =>
    given()
      .when(record({ type: 'reminder', fraction: 0.5, dueAt: '2026-11-24T10:00:00.000Z' }))
      .then([remind(0.5)]));

  it('records the same reminder once, however many timers ask', () =>
    given(remind(0.5))
      .when(record({ type: 'reminder', fraction: 0.5, dueAt: '2026-11-24T10:00:00.000Z' }))
      .then([]));

  it('never records a reminder earlier than one already recorded', () =>
    given(remind(0.75))
      .when(record({ type: 'reminder', fraction: 0.5, dueAt: '2026-11-24T10:00:00.000Z' }))
      .then([]));

  it('records the escalation to the owners and the escalation recipients', () =>
    given(remind(0.5), remind(0.75))
      .when({
        ...record({ type: 'escalation', dueAt: obligation.dueAt }, ['alice', 'hm-1', 'alice']),
        now: '2026-11-25T10:00:00.000Z',
      })
      .then([escalated()]));

  it('records nothing when nothing is due', () => given().when(record(null)).then([]));

  it('records nothing more once the obligation was escalated', () =>
    given(escalated())
      .when(record({ type: 'reminder', fraction: 0.75, dueAt: '2026-11-24T22:00:00.000Z' }))
      .then([]));

  it('remembers each obligation apart, in the shape the reminder schedule reads', () => {
    const log = given(remind(0.5), escalated()).state;
    expect(recordedNotices(noticeRecord(log, obligation.id))).toEqual({ fractions: [0.5], escalated: true });
    expect(recordedNotices(noticeRecord(log, 'decision:0'))).toEqual({ fractions: [], escalated: false });
    expect(noticeRecord(log, obligation.id)).toEqual({
      reminders: [{ fraction: 0.5, at: '2026-11-24T10:00:00.000Z', recipients: ['alice'] }],
      escalatedAt: '2026-11-25T10:00:00.000Z',
      escalationRecipients: ['alice', 'hm-1'],
    });
  });
});
