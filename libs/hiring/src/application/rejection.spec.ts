import { ApplicationNotActive, NotRejected } from '../errors';
import {
  NOW,
  RECRUITER,
  advancedTo,
  given,
  offerAccepted,
  offerExtended,
  rejected,
  submitted,
  tue,
  unrejected,
  withdrawn,
} from '../testing/application-fixtures';

describe('rejecting a candidate', () => {
  it('rejects an active application in its current stage', () =>
    given(submitted(), ...advancedTo('technical'))
      .when({ type: 'RejectApplication', data: { reasonCode: 'skills_gap', note: 'Struggled with concurrency.' } })
      .then([
        {
          type: 'ApplicationRejected',
          data: {
            stage: 'technical',
            reasonCode: 'skills_gap',
            note: 'Struggled with concurrency.',
            rejectedAt: NOW,
            by: RECRUITER,
          },
        },
      ]));

  it('makes the application rejected, staying in the stage it was rejected from', () => {
    const state = given(submitted(), ...advancedTo('technical'))
      .when({ type: 'RejectApplication', data: { reasonCode: 'skills_gap' } })
      .thenState();
    expect(state).toMatchObject({
      status: 'rejected',
      stage: 'technical',
      rejection: { reasonCode: 'skills_gap', note: null, rejectedAt: NOW },
    });
  });

  it('refuses to reject an application twice', () =>
    given(submitted(), rejected('applied'))
      .when({ type: 'RejectApplication', data: { reasonCode: 'skills_gap' } })
      .thenThrows(ApplicationNotActive));

  it('refuses to reject a candidate who withdrew', () =>
    given(submitted(), withdrawn('applied'))
      .when({ type: 'RejectApplication', data: { reasonCode: 'skills_gap' } })
      .thenThrows(ApplicationNotActive));

  it('refuses to reject a hired candidate', () =>
    given(submitted(), ...advancedTo('offer'), offerExtended(), offerAccepted())
      .when({ type: 'RejectApplication', data: { reasonCode: 'skills_gap' } })
      .thenThrows(ApplicationNotActive));
});

describe('unrejecting a candidate', () => {
  it('returns a rejected application to the stage it was rejected from', () =>
    given(submitted(), ...advancedTo('cto'), rejected('cto'))
      .when({ type: 'UnrejectApplication', data: {} })
      .then([{ type: 'ApplicationUnrejected', data: { stage: 'cto', unrejectedAt: NOW, by: RECRUITER } }]));

  it('makes the application active again in that stage', () => {
    const state = given(submitted(), ...advancedTo('cto'), rejected('cto'))
      .when({ type: 'UnrejectApplication', data: {} })
      .thenState();
    expect(state).toMatchObject({ status: 'active', stage: 'cto' });
    expect(state).not.toHaveProperty('rejection');
  });

  it('refuses to unreject an active application', () =>
    given(submitted()).when({ type: 'UnrejectApplication', data: {} }).thenThrows(NotRejected));

  it('refuses to unreject a candidate who withdrew', () =>
    given(submitted(), withdrawn('applied')).when({ type: 'UnrejectApplication', data: {} }).thenThrows(NotRejected));

  it('refuses to unreject twice', () =>
    given(submitted(), rejected('applied'), unrejected('applied'))
      .when({ type: 'UnrejectApplication', data: {} })
      .thenThrows(NotRejected));
});

describe('withdrawing', () => {
  it('withdraws an active application, keeping the reason', () =>
    given(submitted(), ...advancedTo('recruiter_screen'))
      .when({ type: 'WithdrawApplication', data: { reason: 'Accepted another offer' } })
      .then([
        {
          type: 'ApplicationWithdrawn',
          data: { stage: 'recruiter_screen', reason: 'Accepted another offer', withdrawnAt: NOW, by: RECRUITER },
        },
      ]));

  it('withdraws without a reason', () =>
    given(submitted())
      .when({ type: 'WithdrawApplication', data: {} })
      .then([
        { type: 'ApplicationWithdrawn', data: { stage: 'applied', reason: null, withdrawnAt: NOW, by: RECRUITER } },
      ]));

  it('makes the application withdrawn', () => {
    const state = given(submitted()).when({ type: 'WithdrawApplication', data: {} }).thenState();
    expect(state).toMatchObject({ status: 'withdrawn', withdrawal: { reason: null, withdrawnAt: NOW } });
  });

  it('refuses to withdraw twice', () =>
    given(submitted(), withdrawn('applied', tue('09:00')))
      .when({ type: 'WithdrawApplication', data: {} })
      .thenThrows(ApplicationNotActive));

  it('refuses to withdraw a rejected application', () =>
    given(submitted(), rejected('applied'))
      .when({ type: 'WithdrawApplication', data: {} })
      .thenThrows(ApplicationNotActive));
});
