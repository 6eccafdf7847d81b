import type { RecordedEvent } from '@app/event-store';
import { type ApplicationContext, EMPTY_CONTEXT, foldContext } from './application-context';
import { metPayload, payloadOf, standardBody } from './payloads';
import { escapeSlack, slackBody } from './slack';

const APP = '5d0c3f4e-0000-4000-8000-000000000001';
const JOB = '5d0c3f4e-0000-4000-8000-0000000000aa';
const SECRET_TEXT = 'SEALED-PERSONAL-TEXT';

let position = 0;
const recorded = (type: string, data: Record<string, unknown>, streamId = `application-${APP}`): RecordedEvent => ({
  streamId,
  revision: position,
  position: ++position,
  type,
  schemaVersion: 1,
  data,
  metadata: {},
  recordedAt: new Date('2026-11-24T10:00:00Z'),
});

/** An application's life with personal text in every field that may hold it. */
const life: RecordedEvent[] = [
  recorded('ApplicationSubmitted', {
    applicationId: APP,
    jobId: JOB,
    source: SECRET_TEXT,
    submittedAt: '2026-11-23T09:00:00.000Z',
    by: 'r1',
  }),
  recorded('StageChanged', {
    from: 'applied',
    to: 'technical',
    reason: SECRET_TEXT,
    changedAt: '2026-11-23T09:30:00.000Z',
    by: 'r1',
  }),
  recorded('InterviewScheduled', {
    interviewId: 'i1',
    stage: 'technical',
    kind: 'system_design',
    interviewerIds: ['alice', 'bob'],
    scheduledAt: '2026-11-23T10:00:00.000Z',
    durationMinutes: 60,
    bookedAt: '2026-11-23T09:45:00.000Z',
    by: 'r1',
  }),
  recorded('InterviewHeld', {
    interviewId: 'i1',
    heldAt: '2026-11-23T10:00:00.000Z',
    recordedAt: '2026-11-23T11:00:00.000Z',
    by: 'r1',
  }),
  recorded('ScorecardSubmitted', {
    interviewId: 'i1',
    interviewerId: 'alice',
    rating: 3,
    recommendation: 'yes',
    notes: SECRET_TEXT,
    submittedAt: '2026-11-24T09:00:00.000Z',
  }),
  recorded('InterviewCancelled', {
    interviewId: 'i1',
    reason: SECRET_TEXT,
    cancelledAt: '2026-11-24T09:00:00.000Z',
    by: 'r1',
  }),
  recorded('ApplicationRejected', {
    stage: 'technical',
    reasonCode: SECRET_TEXT,
    note: SECRET_TEXT,
    rejectedAt: '2026-11-25T09:00:00.000Z',
    by: 'r1',
  }),
  recorded('ApplicationUnrejected', { stage: 'technical', unrejectedAt: '2026-11-25T10:00:00.000Z', by: 'r1' }),
  recorded('ReferenceRecorded', {
    referenceId: 'ref1',
    refereeName: SECRET_TEXT,
    relationship: SECRET_TEXT,
    outcome: 'positive',
    notes: SECRET_TEXT,
    recordedAt: '2026-11-25T11:00:00.000Z',
    by: 'r1',
  }),
  recorded('OfferExtended', {
    offerId: 'o1',
    salary: 123456,
    currency: 'EUR',
    startDate: '2027-01-04',
    extendedAt: '2026-11-26T09:00:00.000Z',
    by: 'r1',
  }),
  recorded('CandidateUpdated', {
    updateId: 'u1',
    channel: 'email',
    summary: SECRET_TEXT,
    at: '2026-11-26T10:00:00.000Z',
    by: 'r1',
  }),
  recorded('OfferAccepted', { offerId: 'o1', acceptedAt: '2026-11-27T09:00:00.000Z', by: 'r1' }),
  recorded('ApplicationWithdrawn', {
    stage: 'offer',
    reason: SECRET_TEXT,
    withdrawnAt: '2026-11-27T10:00:00.000Z',
    by: 'r1',
  }),
  recorded('CandidateDataErased', { erasedAt: '2026-11-28T09:00:00.000Z', by: 'admin' }),
];

function payloads(events: RecordedEvent[]) {
  let context: ApplicationContext = EMPTY_CONTEXT;
  return events.map((event) => {
    const payload = payloadOf(event, context);
    context = foldContext(context, event);
    return payload;
  });
}

describe('webhook payloads', () => {
  it('maps each log event to its webhook type', () => {
    expect(payloads(life).map((p) => p?.type)).toEqual([
      'application.submitted',
      'application.stage_changed',
      'interview.scheduled',
      'interview.held',
      'scorecard.submitted',
      'interview.cancelled',
      'application.rejected',
      'application.unrejected',
      'reference.recorded',
      'offer.extended',
      'candidate.updated',
      'application.hired',
      'application.withdrawn',
      'candidate.erased',
    ]);
  });

  it('never lets notes, reasons, referee names, summaries, salaries or sources leave', () => {
    const bodies = payloads(life).map((p) => p && standardBody(p, '2026-11-24T10:00:00.000Z', null));
    const all = JSON.stringify(bodies);
    expect(all).not.toContain(SECRET_TEXT);
    expect(all).not.toContain('123456');
    const keys = new Set(bodies.flatMap((body) => Object.keys(body?.data ?? {})));
    for (const key of [
      'notes',
      'note',
      'reason',
      'reasonCode',
      'refereeName',
      'relationship',
      'summary',
      'salary',
      'currency',
      'email',
      'phone',
      'source',
    ])
      expect(keys).not.toContain(key);
  });

  it('tells which job, stage and interview kind an event is about even when the event does not say', () => {
    const [, , , held, scorecard] = payloads(life);
    expect(held).toEqual({
      type: 'interview.held',
      data: {
        applicationId: APP,
        jobId: JOB,
        interviewId: 'i1',
        stage: 'technical',
        kind: 'system_design',
        heldAt: '2026-11-23T10:00:00.000Z',
      },
    });
    expect(scorecard?.data).toMatchObject({
      stage: 'technical',
      kind: 'system_design',
      rating: 3,
      recommendation: 'yes',
      interviewerId: 'alice',
    });
  });

  it('reports reminders and escalations from the SLA notice streams', () => {
    const reminder = recorded(
      'ObligationReminderRecorded',
      {
        applicationId: APP,
        jobId: JOB,
        obligationId: 'ob1',
        kind: 'scorecard',
        stage: 'technical',
        interviewerId: 'alice',
        fraction: 0.5,
        dueAt: '2026-11-25T10:00:00.000Z',
        at: '2026-11-24T10:00:00.000Z',
        recipients: ['alice'],
      },
      `sla-notices-${APP}`,
    );
    expect(payloadOf(reminder, EMPTY_CONTEXT)).toEqual({
      type: 'sla.reminder',
      data: {
        applicationId: APP,
        jobId: JOB,
        obligationId: 'ob1',
        kind: 'scorecard',
        stage: 'technical',
        interviewerId: 'alice',
        dueAt: '2026-11-25T10:00:00.000Z',
        fraction: 0.5,
        at: '2026-11-24T10:00:00.000Z',
        recipients: ['alice'],
      },
    });
  });

  it('ignores events no webhook reports', () => {
    expect(payloadOf(recorded('JobOpened', { jobId: JOB }, `job-${JOB}`), EMPTY_CONTEXT)).toBeNull();
  });

  it('adds the candidate name at delivery, null once erased', () => {
    const [submitted] = payloads(life);
    expect(standardBody(submitted!, 't', 'Ada Lovelace').data).toMatchObject({ candidateName: 'Ada Lovelace' });
    expect(standardBody(submitted!, 't', null).data).toMatchObject({ candidateName: null });
  });
});

describe('slack messages', () => {
  const escalation = {
    applicationId: APP,
    jobId: JOB,
    obligationId: 'ob1',
    kind: 'scorecard',
    stage: 'technical',
    interviewerId: 'alice',
    dueAt: '2026-11-26T10:00:00.000Z',
    at: '2026-11-26T10:00:05.000Z',
    recipients: ['alice'],
  };

  it('says in one line what is overdue, for whom, since when', () => {
    expect(slackBody({ type: 'sla.escalated', data: escalation }, 'Ada Lovelace')).toEqual({
      text: ':warning: Scorecard for Ada Lovelace (technical) is overdue since 2026-11-26 10:00 UTC',
    });
  });

  it('escapes what Slack would read as markup', () => {
    expect(escapeSlack('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(slackBody({ type: 'sla.escalated', data: escalation }, 'Bobby <script> & Co').text).toContain(
      'Bobby &lt;script&gt; &amp; Co',
    );
  });

  it('names nobody once the candidate is erased', () => {
    const met = metPayload({
      ...escalation,
      satisfiedAt: '2026-11-25T09:00:00.000Z',
      onTime: true,
      interviewerId: undefined,
    });
    expect(slackBody(met, null).text).toBe(':white_check_mark: Scorecard for a candidate (technical) met on time');
  });

  it('writes every type as a single line', () => {
    for (const payload of payloads(life)) expect(slackBody(payload!, 'Ada').text).not.toMatch(/\n/);
  });
});
