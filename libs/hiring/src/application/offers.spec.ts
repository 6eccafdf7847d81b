import {
  ApplicationNotActive,
  NoOutstandingOffer,
  NotInOfferStage,
  OfferAlreadyExtended,
  OfferAlreadyOutstanding,
} from '../errors';
import {
  NOW,
  RECRUITER,
  advancedTo,
  given,
  moved,
  offerAccepted,
  offerDeclined,
  offerExtended,
  rejected,
  submitted,
  thu,
  unrejected,
  withdrawn,
} from '../testing/application-fixtures';

const extendOffer = (offerId = 'offer-2') =>
  ({ type: 'ExtendOffer', data: { offerId, salary: 95_000, currency: 'EUR', startDate: '2027-02-01' } }) as const;
const inOffer = () => [submitted(), ...advancedTo('offer')];

describe('offers', () => {
  it('extends an offer in the offer stage', () =>
    given(...inOffer())
      .when(extendOffer())
      .then([
        {
          type: 'OfferExtended',
          data: {
            offerId: 'offer-2',
            salary: 95_000,
            currency: 'EUR',
            startDate: '2027-02-01',
            extendedAt: NOW,
            by: RECRUITER,
          },
        },
      ]));

  it('refuses to extend an offer before the offer stage', () =>
    given(submitted(), ...advancedTo('references'))
      .when(extendOffer())
      .thenThrows(NotInOfferStage));

  it('refuses a second offer while one awaits an answer', () =>
    given(...inOffer(), offerExtended())
      .when(extendOffer())
      .thenThrows(OfferAlreadyOutstanding));

  it('extends a new offer after the candidate declined the previous one', () =>
    given(...inOffer(), offerExtended('offer-1'), offerDeclined('offer-1'))
      .when(extendOffer('offer-2'))
      .then([expect.objectContaining({ type: 'OfferExtended' })]));

  it('never extends the same offer twice, even after it was declined, as when a request is retried', () =>
    given(...inOffer(), offerExtended('offer-1'), offerDeclined('offer-1'))
      .when(extendOffer('offer-1'))
      .thenThrows(OfferAlreadyExtended));

  it('accepts the outstanding offer', () =>
    given(...inOffer(), offerExtended('offer-1'))
      .when({ type: 'AcceptOffer', data: {} })
      .then([{ type: 'OfferAccepted', data: { offerId: 'offer-1', acceptedAt: NOW, by: RECRUITER } }]));

  it('hires the candidate who accepts', () => {
    const state = given(...inOffer(), offerExtended('offer-1'))
      .when({ type: 'AcceptOffer', data: {} })
      .thenState();
    expect(state).toMatchObject({
      status: 'hired',
      stage: 'offer',
      hiredAt: NOW,
      offer: { id: 'offer-1', status: 'accepted', settledAt: NOW },
    });
  });

  it('declines the outstanding offer', () =>
    given(...inOffer(), offerExtended('offer-1'))
      .when({ type: 'DeclineOffer', data: {} })
      .then([{ type: 'OfferDeclined', data: { offerId: 'offer-1', declinedAt: NOW, by: RECRUITER } }]));

  it('leaves a candidate who declines active in offer, with the offer marked declined', () => {
    const state = given(...inOffer(), offerExtended('offer-1'))
      .when({ type: 'DeclineOffer', data: {} })
      .thenState();
    expect(state).toMatchObject({ status: 'active', stage: 'offer', offer: { id: 'offer-1', status: 'declined' } });
  });

  it('refuses to accept when no offer was extended', () =>
    given(...inOffer())
      .when({ type: 'AcceptOffer', data: {} })
      .thenThrows(NoOutstandingOffer));

  it('refuses to accept an offer that was declined', () =>
    given(...inOffer(), offerExtended(), offerDeclined())
      .when({ type: 'AcceptOffer', data: {} })
      .thenThrows(NoOutstandingOffer));

  it('refuses to decline when no offer was extended', () =>
    given(...inOffer())
      .when({ type: 'DeclineOffer', data: {} })
      .thenThrows(NoOutstandingOffer));

  it('refuses to accept twice', () =>
    given(...inOffer(), offerExtended(), offerAccepted())
      .when({ type: 'AcceptOffer', data: {} })
      .thenThrows(ApplicationNotActive));

  it('refuses to extend an offer to a hired candidate', () =>
    given(...inOffer(), offerExtended(), offerAccepted())
      .when(extendOffer())
      .thenThrows(ApplicationNotActive));
});

// SPEC is silent on an offer left waiting when the application leaves offer: it is rescinded.
describe('an offer the candidate can no longer accept', () => {
  it('is rescinded when the candidate is rejected', () => {
    const { state } = given(...inOffer(), offerExtended(), rejected('offer', thu('09:00')));
    expect(state).toMatchObject({ offer: { status: 'rescinded', settledAt: thu('09:00') } });
  });

  it('is rescinded when the candidate withdraws', () => {
    const { state } = given(...inOffer(), offerExtended(), withdrawn('offer', thu('09:00')));
    expect(state).toMatchObject({ offer: { status: 'rescinded', settledAt: thu('09:00') } });
  });

  it('is rescinded when the application is moved out of offer', () => {
    const { state } = given(
      ...inOffer(),
      offerExtended(),
      moved('offer', 'references', thu('09:00'), 'Missing reference'),
    );
    expect(state).toMatchObject({ offer: { status: 'rescinded', settledAt: thu('09:00') } });
  });

  it('cannot be accepted after an unreject: a new offer must be extended', () =>
    given(...inOffer(), offerExtended(), rejected('offer', thu('09:00')), unrejected('offer', thu('10:00')))
      .when({ type: 'AcceptOffer', data: {} })
      .thenThrows(NoOutstandingOffer));

  it('does not stop a new offer after an unreject', () =>
    given(...inOffer(), offerExtended(), rejected('offer', thu('09:00')), unrejected('offer', thu('10:00')))
      .when(extendOffer())
      .then([expect.objectContaining({ type: 'OfferExtended' })]));
});
