import { initialState, reservationChange } from './application.state';
import {
  ALICE,
  BOB,
  advancedTo,
  erased,
  held,
  heldTechnicalInterview,
  history,
  moved,
  offerAccepted,
  offerExtended,
  referenceRecorded,
  rejected,
  scheduled,
  scorecard,
  submitted,
  unrejected,
  withdrawn,
} from '../testing/application-fixtures';

describe('the application state', () => {
  it('survives a round trip through JSON unchanged, so the projection can store it as jsonb', () => {
    const state = history(
      ...heldTechnicalInterview(),
      scorecard('design', ALICE),
      moved('technical', 'cto'),
      moved('cto', 'references', undefined, 'CTO met them last year'),
      referenceRecorded(),
      moved('references', 'offer'),
      offerExtended(),
      offerAccepted(),
      erased(),
    );
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('is the empty application before anything was submitted', () => expect(history()).toEqual({ status: 'none' }));

  it('ignores events that arrive before the application was submitted', () =>
    expect(history(moved('applied', 'recruiter_screen'), held('call'))).toEqual(initialState));

  it('ignores a second submission', () => {
    const once = history(submitted());
    expect(history(submitted(), submitted('2026-12-01T09:00:00.000Z'))).toEqual(once);
  });

  it('ignores facts about an interview it does not know, rather than failing to load', () => {
    const before = history(...heldTechnicalInterview());
    expect(history(...heldTechnicalInterview(), held('ghost'), scorecard('ghost', ALICE))).toEqual(before);
  });

  it('counts an interview still scheduled from an earlier stay toward the new stay in its stage', () => {
    const state = history(
      submitted(),
      ...advancedTo('technical'),
      scheduled('design', 'system_design', [ALICE, BOB]),
      moved('technical', 'manager_interviews', undefined, 'Second manager opinion'),
      moved('manager_interviews', 'technical'),
    );
    expect(state).toMatchObject({ interviews: [{ id: 'design', visit: 5 }], visits: { length: 6 } });
  });
});

describe('the one-active-application-per-email reservation', () => {
  it('is claimed when the application is submitted', () =>
    expect(reservationChange(history(), history(submitted()))).toBe('claim'));

  it('is released when the candidate is rejected', () =>
    expect(reservationChange(history(submitted()), history(submitted(), rejected('applied')))).toBe('release'));

  it('is released when the candidate withdraws', () =>
    expect(reservationChange(history(submitted()), history(submitted(), withdrawn('applied')))).toBe('release'));

  it('is released when the candidate is hired', () => {
    const inOffer = [submitted(), ...advancedTo('offer'), offerExtended()];
    expect(reservationChange(history(...inOffer), history(...inOffer, offerAccepted()))).toBe('release');
  });

  it('is claimed again when the candidate is unrejected', () => {
    const wasRejected = [submitted(), rejected('applied')];
    expect(reservationChange(history(...wasRejected), history(...wasRejected, unrejected('applied')))).toBe('claim');
  });

  it('is kept while the application stays active', () =>
    expect(reservationChange(history(submitted()), history(submitted(), moved('applied', 'recruiter_screen')))).toBe(
      'keep',
    ));
});
