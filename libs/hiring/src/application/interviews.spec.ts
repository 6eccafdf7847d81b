import {
  ApplicationNotActive,
  HeldAtInFuture,
  InterviewAlreadyExists,
  InterviewKindNotInStage,
  InterviewNotFound,
  InterviewNotScheduled,
  InterviewersRequired,
  InvalidDuration,
  InvalidTimestamp,
  NotAnInterviewStage,
  UnknownInterviewKind,
} from '../errors';
import type { Stage } from '../stages';
import type { Loose } from '../testing/given';
import type { ScheduleInterview } from './application.commands';
import {
  ALICE,
  BOB,
  NOW,
  RECRUITER,
  advancedTo,
  cancelled,
  given,
  held,
  mon,
  noShow,
  rejected,
  scheduled,
  submitted,
  withdrawn,
} from '../testing/application-fixtures';

const schedule = (kind: string, more: Partial<ScheduleInterview['data']> = {}): Loose<ScheduleInterview> => ({
  type: 'ScheduleInterview',
  data: {
    interviewId: 'interview-1',
    kind,
    interviewerIds: [ALICE],
    scheduledAt: mon('14:00'),
    durationMinutes: 30,
    ...more,
  },
});

const inStage = (stage: Stage) => [submitted(), ...advancedTo(stage)];

describe('scheduling an interview', () => {
  it('schedules a recruiter call in recruiter screen', () =>
    given(...inStage('recruiter_screen'))
      .when(schedule('recruiter_call'))
      .then([
        {
          type: 'InterviewScheduled',
          data: {
            interviewId: 'interview-1',
            stage: 'recruiter_screen',
            kind: 'recruiter_call',
            interviewerIds: [ALICE],
            scheduledAt: mon('14:00'),
            durationMinutes: 30,
            bookedAt: NOW,
            by: RECRUITER,
          },
        },
      ]));

  it.each([
    ['manager_interviews', 'engineering_managers'],
    ['technical', 'system_design'],
    ['technical', 'live_coding'],
    ['cto', 'cto_meeting'],
  ] as const)('schedules in %s an interview of kind %s', (stage, kind) =>
    given(...inStage(stage))
      .when(schedule(kind))
      .then([expect.objectContaining({ type: 'InterviewScheduled', data: expect.objectContaining({ stage, kind }) })]),
  );

  it('accepts an interview that already took place, recorded afterwards', () =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { scheduledAt: '2026-11-02T09:00:00Z' }))
      .then([expect.objectContaining({ data: expect.objectContaining({ scheduledAt: '2026-11-02T09:00:00.000Z' }) })]));

  it('lists each interviewer once', () =>
    given(...inStage('manager_interviews'))
      .when(schedule('engineering_managers', { interviewerIds: [ALICE, BOB, ALICE] }))
      .then([expect.objectContaining({ data: expect.objectContaining({ interviewerIds: [ALICE, BOB] }) })]));

  it('refuses a kind of interview that belongs to another stage', () =>
    given(...inStage('technical'))
      .when(schedule('cto_meeting'))
      .thenThrows(InterviewKindNotInStage));

  it('refuses a kind of interview we do not run', () =>
    given(...inStage('technical'))
      .when(schedule('pair_programming'))
      .thenThrows(UnknownInterviewKind));

  it.each(['applied', 'references', 'offer'] as const)('refuses to schedule an interview in %s', (stage) =>
    given(...inStage(stage))
      .when(schedule('recruiter_call'))
      .thenThrows(NotAnInterviewStage),
  );

  it('refuses an interview shorter than 5 minutes', () =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { durationMinutes: 4 }))
      .thenThrows(InvalidDuration));

  it('refuses an interview longer than 8 hours', () =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { durationMinutes: 481 }))
      .thenThrows(InvalidDuration));

  it('refuses a duration that is not a whole number of minutes', () =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { durationMinutes: 30.5 }))
      .thenThrows(InvalidDuration));

  it.each([5, 480])('accepts an interview of exactly %i minutes', (durationMinutes) =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { durationMinutes }))
      .then([expect.objectContaining({ data: expect.objectContaining({ durationMinutes }) })]),
  );

  it('refuses an interview without interviewers', () =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { interviewerIds: [] }))
      .thenThrows(InterviewersRequired));

  it('refuses a start time that is not a date and time', () =>
    given(...inStage('cto'))
      .when(schedule('cto_meeting', { scheduledAt: 'tomorrow' }))
      .thenThrows(InvalidTimestamp));

  it('refuses to reuse an interview id', () =>
    given(...inStage('technical'), scheduled('interview-1', 'system_design'))
      .when(schedule('live_coding'))
      .thenThrows(InterviewAlreadyExists));

  it('refuses to schedule for a rejected application', () =>
    given(...inStage('cto'), rejected('cto'))
      .when(schedule('cto_meeting'))
      .thenThrows(ApplicationNotActive));

  it('refuses to schedule for a withdrawn application', () =>
    given(...inStage('cto'), withdrawn('cto'))
      .when(schedule('cto_meeting'))
      .thenThrows(ApplicationNotActive));
});

describe('recording what happened to an interview', () => {
  const booked = () => [...inStage('cto'), scheduled('meeting', 'cto_meeting')];

  it('marks a scheduled interview held at the time it took place', () =>
    given(...booked())
      .when({ type: 'MarkInterviewHeld', data: { interviewId: 'meeting', heldAt: '2026-11-27T11:30:00+01:00' } })
      .then([
        {
          type: 'InterviewHeld',
          data: { interviewId: 'meeting', heldAt: '2026-11-27T10:30:00.000Z', recordedAt: NOW, by: RECRUITER },
        },
      ]));

  it('accepts a held time up to 5 minutes ahead of the server clock', () =>
    given(...booked())
      .when({ type: 'MarkInterviewHeld', data: { interviewId: 'meeting', heldAt: '2026-11-27T12:05:00Z' } })
      .then([expect.objectContaining({ type: 'InterviewHeld' })]));

  it('refuses a held time more than 5 minutes in the future', () =>
    given(...booked())
      .when({ type: 'MarkInterviewHeld', data: { interviewId: 'meeting', heldAt: '2026-11-27T12:05:01Z' } })
      .thenThrows(HeldAtInFuture));

  it('marks a scheduled interview as a no-show', () =>
    given(...booked())
      .when({ type: 'MarkInterviewNoShow', data: { interviewId: 'meeting' } })
      .then([{ type: 'InterviewMarkedNoShow', data: { interviewId: 'meeting', markedAt: NOW, by: RECRUITER } }]));

  it('cancels a scheduled interview, keeping the reason', () =>
    given(...booked())
      .when({ type: 'CancelInterview', data: { interviewId: 'meeting', reason: 'CTO travelling' } })
      .then([
        {
          type: 'InterviewCancelled',
          data: { interviewId: 'meeting', reason: 'CTO travelling', cancelledAt: NOW, by: RECRUITER },
        },
      ]));

  it('cancels without a reason', () =>
    given(...booked())
      .when({ type: 'CancelInterview', data: { interviewId: 'meeting' } })
      .then([
        { type: 'InterviewCancelled', data: { interviewId: 'meeting', reason: null, cancelledAt: NOW, by: RECRUITER } },
      ]));

  it.each([
    ['held', held('meeting')],
    ['a no-show', noShow('meeting')],
    ['cancelled', cancelled('meeting')],
  ])('refuses to mark held an interview that was %s', (_, ending) =>
    given(...booked(), ending)
      .when({ type: 'MarkInterviewHeld', data: { interviewId: 'meeting', heldAt: mon('10:00') } })
      .thenThrows(InterviewNotScheduled),
  );

  it('refuses to mark a held interview as a no-show', () =>
    given(...booked(), held('meeting'))
      .when({ type: 'MarkInterviewNoShow', data: { interviewId: 'meeting' } })
      .thenThrows(InterviewNotScheduled));

  it('refuses to cancel an interview that was held', () =>
    given(...booked(), held('meeting'))
      .when({ type: 'CancelInterview', data: { interviewId: 'meeting' } })
      .thenThrows(InterviewNotScheduled));

  it('refuses to cancel an interview twice', () =>
    given(...booked(), cancelled('meeting'))
      .when({ type: 'CancelInterview', data: { interviewId: 'meeting' } })
      .thenThrows(InterviewNotScheduled));

  it('does not know an interview that was never scheduled', () =>
    given(...booked())
      .when({ type: 'MarkInterviewHeld', data: { interviewId: 'elsewhere', heldAt: mon('10:00') } })
      .thenThrows(InterviewNotFound));

  it('still records that an interview took place after the candidate was rejected', () =>
    given(...booked(), rejected('cto'))
      .when({ type: 'MarkInterviewHeld', data: { interviewId: 'meeting', heldAt: mon('10:00') } })
      .then([expect.objectContaining({ type: 'InterviewHeld' })]));

  it('shows each interview with its stage, status and held time', () => {
    const { state } = given(...booked(), held('meeting', mon('10:00')));
    expect(state).toMatchObject({
      interviews: [
        {
          id: 'meeting',
          stage: 'cto',
          kind: 'cto_meeting',
          interviewerIds: [ALICE],
          scheduledAt: mon('10:00'),
          durationMinutes: 45,
          status: 'held',
          heldAt: mon('10:00'),
          scorecards: [],
        },
      ],
    });
  });
});
