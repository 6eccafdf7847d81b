import {
  AlreadyInStage,
  ApplicationNotActive,
  InterviewsStillScheduled,
  ReasonRequired,
  UnknownStage,
} from '../errors';
import {
  NOW,
  RECRUITER,
  advancedTo,
  cancelled,
  given,
  held,
  mon,
  moved,
  noShow,
  offerAccepted,
  offerExtended,
  rejected,
  scheduled,
  submitted,
  withdrawn,
} from '../testing/application-fixtures';

describe('moving an application', () => {
  it('moves to the next stage without a reason', () =>
    given(submitted())
      .when({ type: 'MoveApplication', data: { toStage: 'recruiter_screen' } })
      .then([
        {
          type: 'StageChanged',
          data: { from: 'applied', to: 'recruiter_screen', reason: null, changedAt: NOW, by: RECRUITER },
        },
      ]));

  it('keeps a reason given for a move to the next stage', () =>
    given(submitted())
      .when({ type: 'MoveApplication', data: { toStage: 'recruiter_screen', reason: 'Strong CV' } })
      .then([
        {
          type: 'StageChanged',
          data: { from: 'applied', to: 'recruiter_screen', reason: 'Strong CV', changedAt: NOW, by: RECRUITER },
        },
      ]));

  it('moves on once every interview of the stage has been held', () =>
    given(submitted(), ...advancedTo('recruiter_screen'), scheduled('call', 'recruiter_call'), held('call'))
      .when({ type: 'MoveApplication', data: { toStage: 'manager_interviews' } })
      .then([
        {
          type: 'StageChanged',
          data: { from: 'recruiter_screen', to: 'manager_interviews', reason: null, changedAt: NOW, by: RECRUITER },
        },
      ]));

  it('moves on once a scheduled interview is marked no-show', () =>
    given(submitted(), ...advancedTo('recruiter_screen'), scheduled('call', 'recruiter_call'), noShow('call'))
      .when({ type: 'MoveApplication', data: { toStage: 'manager_interviews' } })
      .then([
        {
          type: 'StageChanged',
          data: { from: 'recruiter_screen', to: 'manager_interviews', reason: null, changedAt: NOW, by: RECRUITER },
        },
      ]));

  it('moves on once a scheduled interview is cancelled', () =>
    given(submitted(), ...advancedTo('recruiter_screen'), scheduled('call', 'recruiter_call'), cancelled('call'))
      .when({ type: 'MoveApplication', data: { toStage: 'manager_interviews' } })
      .then([
        {
          type: 'StageChanged',
          data: { from: 'recruiter_screen', to: 'manager_interviews', reason: null, changedAt: NOW, by: RECRUITER },
        },
      ]));

  it('refuses to move to the next stage while an interview of this stage is still scheduled', () =>
    given(
      submitted(),
      ...advancedTo('technical'),
      scheduled('design', 'system_design'),
      held('design'),
      scheduled('coding', 'live_coding'),
    )
      .when({ type: 'MoveApplication', data: { toStage: 'cto' } })
      .thenThrows(InterviewsStillScheduled));

  it('refuses to move on while an interview left scheduled on an earlier stay in this stage is pending', () =>
    given(
      submitted(),
      ...advancedTo('technical'),
      scheduled('design', 'system_design'),
      moved('technical', 'manager_interviews', mon('10:00'), 'Needs another manager round'),
      moved('manager_interviews', 'technical'),
    )
      .when({ type: 'MoveApplication', data: { toStage: 'cto' } })
      .thenThrows(InterviewsStillScheduled));

  it('skips ahead when a reason is given', () =>
    given(submitted())
      .when({ type: 'MoveApplication', data: { toStage: 'technical', reason: 'Internal referral, screened already' } })
      .then([
        {
          type: 'StageChanged',
          data: {
            from: 'applied',
            to: 'technical',
            reason: 'Internal referral, screened already',
            changedAt: NOW,
            by: RECRUITER,
          },
        },
      ]));

  it('refuses to skip a stage without a reason', () =>
    given(submitted(), ...advancedTo('recruiter_screen'))
      .when({ type: 'MoveApplication', data: { toStage: 'cto' } })
      .thenThrows(ReasonRequired));

  it('refuses to skip a stage with a blank reason', () =>
    given(submitted())
      .when({ type: 'MoveApplication', data: { toStage: 'technical', reason: '   ' } })
      .thenThrows(ReasonRequired));

  it('refuses to go back a stage without a reason', () =>
    given(submitted(), ...advancedTo('technical'))
      .when({ type: 'MoveApplication', data: { toStage: 'manager_interviews' } })
      .thenThrows(ReasonRequired));

  it('goes back with a reason, even while an interview is still scheduled', () =>
    given(submitted(), ...advancedTo('technical'), scheduled('design', 'system_design'))
      .when({ type: 'MoveApplication', data: { toStage: 'manager_interviews', reason: 'Second manager opinion' } })
      .then([
        {
          type: 'StageChanged',
          data: {
            from: 'technical',
            to: 'manager_interviews',
            reason: 'Second manager opinion',
            changedAt: NOW,
            by: RECRUITER,
          },
        },
      ]));

  it('refuses to move to the stage the application is already in', () =>
    given(submitted(), ...advancedTo('cto'))
      .when({ type: 'MoveApplication', data: { toStage: 'cto', reason: 'again' } })
      .thenThrows(AlreadyInStage));

  it('refuses a stage that is not in the pipeline', () =>
    given(submitted())
      .when({ type: 'MoveApplication', data: { toStage: 'onsite' } })
      .thenThrows(UnknownStage));

  it('refuses to move a rejected application', () =>
    given(submitted(), rejected('applied'))
      .when({ type: 'MoveApplication', data: { toStage: 'recruiter_screen' } })
      .thenThrows(ApplicationNotActive));

  it('refuses to move a withdrawn application', () =>
    given(submitted(), withdrawn('applied'))
      .when({ type: 'MoveApplication', data: { toStage: 'recruiter_screen' } })
      .thenThrows(ApplicationNotActive));

  it('refuses to move a hired candidate', () =>
    given(submitted(), ...advancedTo('offer'), offerExtended(), offerAccepted())
      .when({ type: 'MoveApplication', data: { toStage: 'references', reason: 'Oops' } })
      .thenThrows(ApplicationNotActive));

  it('records the stay in each stage', () => {
    const { state } = given(submitted(), ...advancedTo('recruiter_screen', mon('10:00')));
    expect(state).toMatchObject({
      stage: 'recruiter_screen',
      stageEnteredAt: mon('10:00'),
      visits: [
        { stage: 'applied', enteredAt: submitted().data.submittedAt, leftAt: mon('10:00') },
        { stage: 'recruiter_screen', enteredAt: mon('10:00'), leftAt: null },
      ],
    });
  });
});
