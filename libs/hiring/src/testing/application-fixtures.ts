import { applicationDecider } from '../application/application.decider';
import type { ApplicationEvent, ApplicationEventOf } from '../application/application.events';
import { type Application, type ApplicationState } from '../application/application.state';
import { type InterviewKind, type Stage, STAGES, stageIndex, stageOfInterviewKind } from '../stages';
import { specFor } from './given';

/**
 * The week the specs live in: Monday 23 November 2026, times in UTC. `mon('10:00')` reads as the
 * worked example in SPEC §3 does.
 */
const day = (date: string) => (time: string) => `2026-11-${date}T${time}:00.000Z`;
export const mon = day('23');
export const tue = day('24');
export const wed = day('25');
export const thu = day('26');
export const fri = day('27');

export const APPLICATION_ID = 'application-1';
export const JOB_ID = 'job-1';
export const RECRUITER = 'recruiter-rita';
export const ALICE = 'interviewer-alice';
export const BOB = 'interviewer-bob';
/** Default server time of a command in the specs: after every default event time below. */
export const NOW = fri('12:00');

export const given = specFor(applicationDecider, { actor: RECRUITER, now: NOW });

export const history = (...events: ApplicationEvent[]): ApplicationState =>
  events.reduce(applicationDecider.evolve, applicationDecider.initialState);

/** The folded history, for specs that need an existing application. */
export function application(...events: ApplicationEvent[]): Application {
  const state = history(...events);
  if (state.status === 'none') throw new Error('the history has no ApplicationSubmitted');
  return state;
}

export const submitted = (
  at = mon('09:00'),
  source: string | null = null,
): ApplicationEventOf<'ApplicationSubmitted'> => ({
  type: 'ApplicationSubmitted',
  data: { applicationId: APPLICATION_ID, jobId: JOB_ID, source, submittedAt: at, by: RECRUITER },
});

export const moved = (
  from: Stage,
  to: Stage,
  at = mon('09:30'),
  reason: string | null = null,
): ApplicationEventOf<'StageChanged'> => ({
  type: 'StageChanged',
  data: { from, to, reason, changedAt: at, by: RECRUITER },
});

/** Moves one stage at a time from `applied` to `stage`, all at `at`. */
export const advancedTo = (stage: Stage, at = mon('09:30')): ApplicationEvent[] =>
  STAGES.slice(1, stageIndex(stage) + 1).map((to, i) => moved(STAGES[i], to, at));

export const scheduled = (
  interviewId: string,
  kind: InterviewKind,
  interviewerIds: string[] = [ALICE],
  bookedAt = mon('09:45'),
): ApplicationEventOf<'InterviewScheduled'> => ({
  type: 'InterviewScheduled',
  data: {
    interviewId,
    stage: stageOfInterviewKind(kind),
    kind,
    interviewerIds,
    scheduledAt: mon('10:00'),
    durationMinutes: 45,
    bookedAt,
    by: RECRUITER,
  },
});

export const held = (
  interviewId: string,
  heldAt = mon('10:00'),
  recordedAt = heldAt,
): ApplicationEventOf<'InterviewHeld'> => ({
  type: 'InterviewHeld',
  data: { interviewId, heldAt, recordedAt, by: RECRUITER },
});

export const noShow = (interviewId: string, at = mon('10:30')): ApplicationEventOf<'InterviewMarkedNoShow'> => ({
  type: 'InterviewMarkedNoShow',
  data: { interviewId, markedAt: at, by: RECRUITER },
});

export const cancelled = (
  interviewId: string,
  at = mon('10:30'),
  reason: string | null = null,
): ApplicationEventOf<'InterviewCancelled'> => ({
  type: 'InterviewCancelled',
  data: { interviewId, reason, cancelledAt: at, by: RECRUITER },
});

export const scorecard = (
  interviewId: string,
  interviewerId: string,
  at = mon('15:00'),
  notes: string | null = 'Clear thinker, explained trade-offs well.',
): ApplicationEventOf<'ScorecardSubmitted'> => ({
  type: 'ScorecardSubmitted',
  data: { interviewId, interviewerId, rating: 3, recommendation: 'yes', notes, submittedAt: at },
});

export const rejected = (
  stage: Stage,
  at = tue('09:00'),
  note: string | null = null,
): ApplicationEventOf<'ApplicationRejected'> => ({
  type: 'ApplicationRejected',
  data: { stage, reasonCode: 'skills_gap', note, rejectedAt: at, by: RECRUITER },
});

export const unrejected = (stage: Stage, at = tue('10:00')): ApplicationEventOf<'ApplicationUnrejected'> => ({
  type: 'ApplicationUnrejected',
  data: { stage, unrejectedAt: at, by: RECRUITER },
});

export const withdrawn = (
  stage: Stage,
  at = tue('09:00'),
  reason: string | null = null,
): ApplicationEventOf<'ApplicationWithdrawn'> => ({
  type: 'ApplicationWithdrawn',
  data: { stage, reason, withdrawnAt: at, by: RECRUITER },
});

export const referenceRecorded = (
  referenceId = 'reference-1',
  at = tue('11:00'),
): ApplicationEventOf<'ReferenceRecorded'> => ({
  type: 'ReferenceRecorded',
  data: {
    referenceId,
    refereeName: 'Marta Novak',
    relationship: 'former manager at Acme',
    outcome: 'positive',
    notes: 'Would hire again.',
    recordedAt: at,
    by: RECRUITER,
  },
});

export const offerExtended = (offerId = 'offer-1', at = wed('09:00')): ApplicationEventOf<'OfferExtended'> => ({
  type: 'OfferExtended',
  data: { offerId, salary: 90_000, currency: 'EUR', startDate: '2027-01-04', extendedAt: at, by: RECRUITER },
});

export const offerAccepted = (offerId = 'offer-1', at = wed('10:00')): ApplicationEventOf<'OfferAccepted'> => ({
  type: 'OfferAccepted',
  data: { offerId, acceptedAt: at, by: RECRUITER },
});

export const offerDeclined = (offerId = 'offer-1', at = wed('10:00')): ApplicationEventOf<'OfferDeclined'> => ({
  type: 'OfferDeclined',
  data: { offerId, declinedAt: at, by: RECRUITER },
});

export const candidateUpdated = (
  updateId = 'update-1',
  at = tue('12:00'),
  summary: string | null = 'Told them we decide by Friday.',
): ApplicationEventOf<'CandidateUpdated'> => ({
  type: 'CandidateUpdated',
  data: { updateId, channel: 'phone', summary, at, by: RECRUITER },
});

export const erased = (at = thu('09:00')): ApplicationEventOf<'CandidateDataErased'> => ({
  type: 'CandidateDataErased',
  data: { erasedAt: at, by: 'admin-ada' },
});

/** An application in `technical` with one held system design interview (Alice and Bob). */
export const heldTechnicalInterview = (heldAt = mon('10:00')): ApplicationEvent[] => [
  submitted(),
  ...advancedTo('technical'),
  scheduled('design', 'system_design', [ALICE, BOB]),
  held('design', heldAt),
];
