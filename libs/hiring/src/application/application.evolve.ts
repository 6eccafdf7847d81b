import { assertNever } from '../shared/assert-never';
import type { Instant } from '../shared/instant';
import type { ApplicationEvent, ApplicationEventOf } from './application.events';
import {
  type Application,
  type ApplicationState,
  type Interview,
  currentVisit,
  openDecision,
  outstandingOffer,
  withOutcome,
} from './application.state';
import { decisionStart, owesDecision, settleDecision, startDecision } from './decision-record';
import { erase, keepText } from './erasure';
import { owesScheduling, settleScheduling, startScheduling } from './scheduling-record';

/**
 * Folds one event into the state. It records facts and never refuses one: rules belong to decide,
 * and an event already in the store happened, even if today's rules would not allow it.
 *
 * Besides what GET /applications/:id shows, it keeps the decision obligations of SPEC §3 and the
 * scheduling waits of §7 as they start and end, so that sla/obligations.ts only has to judge them.
 */
export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  if (event.type === 'ApplicationSubmitted') return state.status === 'none' ? submitted(event) : state;
  return state.status === 'none' ? state : evolveApplication(state, event);
}

function submitted({ data }: ApplicationEventOf<'ApplicationSubmitted'>): Application {
  const { applicationId, jobId, source, submittedAt, by } = data;
  return {
    status: 'active',
    applicationId,
    jobId,
    source,
    submittedAt,
    stage: 'applied',
    stageEnteredAt: submittedAt,
    visits: [{ stage: 'applied', enteredAt: submittedAt, leftAt: null, reason: null, by }],
    interviews: [],
    references: [],
    offer: null,
    decisions: [{ stage: 'applied', visit: 0, startedAt: submittedAt, satisfiedAt: null, cancelledAt: null }],
    schedulings: [],
    candidateUpdates: [],
    erased: false,
  };
}

function evolveApplication(
  app: Application,
  event: Exclude<ApplicationEvent, { type: 'ApplicationSubmitted' }>,
): Application {
  switch (event.type) {
    case 'InterviewScheduled': {
      const { interviewId, stage, kind, interviewerIds, scheduledAt, durationMinutes, bookedAt } = event.data;
      const interview: Interview = {
        id: interviewId,
        stage,
        kind,
        interviewerIds,
        scheduledAt,
        durationMinutes,
        visit: currentVisit(app),
        status: 'scheduled',
        heldAt: null,
        scorecards: [],
      };
      // Booking another interview is the decision "not yet, let us talk again" (SPEC §3), and the
      // booking the candidate waited for (§7).
      const booked = { ...app, interviews: [...app.interviews, interview] };
      return settleScheduling(settleDecision(booked, 'satisfiedAt', bookedAt), 'satisfiedAt', bookedAt);
    }
    case 'InterviewHeld':
      return interviewEnded(app, event.data.interviewId, event.data.recordedAt, (interview) =>
        interview.status === 'scheduled'
          ? { ...interview, status: 'held', heldAt: event.data.heldAt, scorecards: [] }
          : interview,
      );
    case 'InterviewMarkedNoShow':
      return interviewEnded(app, event.data.interviewId, event.data.markedAt, (interview) =>
        interview.status === 'scheduled' ? { ...interview, status: 'no_show' } : interview,
      );
    case 'InterviewCancelled':
      return interviewEnded(app, event.data.interviewId, event.data.cancelledAt, (interview) =>
        interview.status === 'scheduled' ? { ...interview, status: 'cancelled' } : interview,
      );
    case 'ScorecardSubmitted': {
      const { interviewId, interviewerId, rating, recommendation, notes, submittedAt } = event.data;
      return updateInterview(app, interviewId, (interview) =>
        interview.status === 'held' && !interview.scorecards.some((card) => card.interviewerId === interviewerId)
          ? {
              ...interview,
              scorecards: [
                ...interview.scorecards,
                { interviewerId, rating, recommendation, notes: keepText(app, notes), submittedAt },
              ],
            }
          : interview,
      );
    }
    case 'StageChanged':
      return stageChanged(app, event);
    case 'ApplicationRejected': {
      const { note, reasonCode, rejectedAt, by } = event.data;
      const settled = rescindOffer(settleWaits(app, 'satisfiedAt', rejectedAt), rejectedAt);
      return withOutcome(settled, {
        status: 'rejected',
        rejection: { reasonCode, note: keepText(app, note), rejectedAt, by },
      });
    }
    case 'ApplicationUnrejected': {
      const { unrejectedAt } = event.data;
      const active = withOutcome(app, { status: 'active' });
      // SPEC is silent: the candidate is waiting on us again from the unreject, if the stage owes a
      // decision or a booking.
      const deciding = owesDecision(active) ? startDecision(active, unrejectedAt) : active;
      return owesScheduling(deciding) ? startScheduling(deciding, unrejectedAt) : deciding;
    }
    case 'ApplicationWithdrawn': {
      const { reason, withdrawnAt, by } = event.data;
      const settled = rescindOffer(settleWaits(app, 'cancelledAt', withdrawnAt), withdrawnAt);
      return withOutcome(settled, {
        status: 'withdrawn',
        withdrawal: { reason: keepText(app, reason), withdrawnAt, by },
      });
    }
    case 'ReferenceRecorded': {
      const { referenceId, refereeName, relationship, outcome, notes, recordedAt, by } = event.data;
      const reference = {
        id: referenceId,
        refereeName: keepText(app, refereeName),
        relationship: keepText(app, relationship),
        outcome,
        notes: keepText(app, notes),
        recordedAt,
        by,
      };
      return { ...app, references: [...app.references, reference] };
    }
    case 'OfferExtended': {
      const { offerId, salary, currency, startDate, extendedAt, by } = event.data;
      return { ...app, offer: { id: offerId, salary, currency, startDate, extendedAt, by, status: 'extended' } };
    }
    case 'OfferAccepted': {
      const offer = outstandingOffer(app);
      if (offer === null) return app;
      const { acceptedAt } = event.data;
      return withOutcome(
        { ...app, offer: { ...offer, status: 'accepted', settledAt: acceptedAt } },
        { status: 'hired', hiredAt: acceptedAt },
      );
    }
    case 'OfferDeclined': {
      const offer = outstandingOffer(app);
      return offer === null
        ? app
        : { ...app, offer: { ...offer, status: 'declined', settledAt: event.data.declinedAt } };
    }
    case 'CandidateUpdated': {
      const { updateId, channel, summary, at, by } = event.data;
      const told = {
        ...app,
        candidateUpdates: [...app.candidateUpdates, { id: updateId, channel, summary: keepText(app, summary), at, by }],
      };
      // Telling the candidate where they stand answers the wait, and the next word is owed within the
      // target again (SPEC §6). It starts no wait where the candidate was not waiting on a decision.
      return openDecision(told) === undefined ? told : startDecision(settleDecision(told, 'satisfiedAt', at), at);
    }
    case 'CandidateDataErased':
      return erase(app);
    default:
      return assertNever(event);
  }
}

function stageChanged(app: Application, { data }: ApplicationEventOf<'StageChanged'>): Application {
  const { to, reason, changedAt, by } = data;
  const left = settleWaits(app, 'satisfiedAt', changedAt);
  const visit = left.visits.length;
  const moved: Application = {
    // Only an application in offer can have an outstanding offer, so any move leaves it unanswerable.
    ...rescindOffer(left, changedAt),
    stage: to,
    stageEnteredAt: changedAt,
    visits: [
      ...left.visits.map((stay, index) => (index === visit - 1 ? { ...stay, leftAt: changedAt } : stay)),
      { stage: to, enteredAt: changedAt, leftAt: null, reason: keepText(app, reason), by },
    ],
    // An interview left scheduled when the application moved away with a reason is still pending in
    // the stage it belongs to; coming back adopts it, so "this stay's interviews" includes it.
    interviews: left.interviews.map((interview) =>
      interview.stage === to && interview.status === 'scheduled' ? { ...interview, visit } : interview,
    ),
  };
  if (to === 'applied' || to === 'references') return startDecision(moved, changedAt);
  return owesScheduling(moved) ? startScheduling(moved, changedAt) : moved;
}

/**
 * After an interview stops being scheduled, the stage may now owe the candidate a decision (one was
 * held) or a booking (none was, and none is booked); `at` is when the interview fell through.
 */
function interviewEnded(
  app: Application,
  interviewId: string,
  at: Instant,
  change: (interview: Interview) => Interview,
): Application {
  const before = app.interviews.find((interview) => interview.id === interviewId);
  const after = updateInterview(app, interviewId, change);
  // An interview that was no longer scheduled changed nothing, so it starts nothing either.
  const countsHere = before?.status === 'scheduled' && before.stage === app.stage && before.visit === currentVisit(app);
  if (!countsHere) return after;
  const startedAt = owesDecision(after) ? decisionStart(after) : null;
  if (startedAt !== null) return startDecision(after, startedAt);
  return owesScheduling(after) ? startScheduling(after, at) : after;
}

/** A move, rejection or withdrawal ends whatever the candidate was waiting for in the stay. */
function settleWaits(app: Application, how: 'satisfiedAt' | 'cancelledAt', at: Instant): Application {
  return settleScheduling(settleDecision(app, how, at), how, at);
}

/**
 * SPEC is silent on an offer left outstanding when the application is rejected, withdrawn or moved
 * out of offer: the candidate can no longer accept it, so it is marked rescinded at that moment.
 */
function rescindOffer(app: Application, at: Instant): Application {
  const offer = outstandingOffer(app);
  return offer === null ? app : { ...app, offer: { ...offer, status: 'rescinded', settledAt: at } };
}

function updateInterview(
  app: Application,
  interviewId: string,
  change: (interview: Interview) => Interview,
): Application {
  return {
    ...app,
    interviews: app.interviews.map((interview) => (interview.id === interviewId ? change(interview) : interview)),
  };
}
