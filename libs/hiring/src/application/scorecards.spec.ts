import { InterviewNotFound, InterviewNotHeld, NotAnInterviewer, ScorecardAlreadySubmitted } from '../errors';
import {
  ALICE,
  BOB,
  NOW,
  advancedTo,
  cancelled,
  given,
  heldTechnicalInterview,
  rejected,
  scheduled,
  scorecard,
  submitted,
  withdrawn,
} from '../testing/application-fixtures';

const submitScorecard = (actor: string, interviewId = 'design') =>
  ({
    type: 'SubmitScorecard',
    data: { interviewId, rating: 4, recommendation: 'strong_yes', notes: 'Best design session this quarter.' },
    actor,
  }) as const;

describe('submitting a scorecard', () => {
  it('records the scorecard of an interviewer of a held interview', () =>
    given(...heldTechnicalInterview())
      .when(submitScorecard(ALICE))
      .then([
        {
          type: 'ScorecardSubmitted',
          data: {
            interviewId: 'design',
            interviewerId: ALICE,
            rating: 4,
            recommendation: 'strong_yes',
            notes: 'Best design session this quarter.',
            submittedAt: NOW,
          },
        },
      ]));

  it('accepts a scorecard from each interviewer of the interview', () =>
    given(...heldTechnicalInterview(), scorecard('design', ALICE))
      .when(submitScorecard(BOB))
      .then([expect.objectContaining({ data: expect.objectContaining({ interviewerId: BOB }) })]));

  it('refuses a scorecard from someone who did not interview', () =>
    given(...heldTechnicalInterview())
      .when(submitScorecard('interviewer-carol'))
      .thenThrows(NotAnInterviewer));

  it('refuses a second scorecard from the same interviewer', () =>
    given(...heldTechnicalInterview(), scorecard('design', ALICE))
      .when(submitScorecard(ALICE))
      .thenThrows(ScorecardAlreadySubmitted));

  it('refuses a scorecard before the interview is held', () =>
    given(submitted(), ...advancedTo('technical'), scheduled('design', 'system_design', [ALICE, BOB]))
      .when(submitScorecard(ALICE))
      .thenThrows(InterviewNotHeld));

  it('refuses a scorecard for a cancelled interview', () =>
    given(submitted(), ...advancedTo('technical'), scheduled('design', 'system_design', [ALICE]), cancelled('design'))
      .when(submitScorecard(ALICE))
      .thenThrows(InterviewNotHeld));

  it('refuses a scorecard for an interview the application does not have', () =>
    given(...heldTechnicalInterview())
      .when(submitScorecard(ALICE, 'coding'))
      .thenThrows(InterviewNotFound));

  it('still takes the scorecard after the candidate was rejected: feedback is owed for the record', () =>
    given(...heldTechnicalInterview(), rejected('technical'))
      .when(submitScorecard(ALICE))
      .then([expect.objectContaining({ type: 'ScorecardSubmitted' })]));

  it('still takes the scorecard after the candidate withdrew', () =>
    given(...heldTechnicalInterview(), withdrawn('technical'))
      .when(submitScorecard(BOB))
      .then([expect.objectContaining({ type: 'ScorecardSubmitted' })]));

  it('shows the scorecard on its interview', () => {
    const state = given(...heldTechnicalInterview())
      .when(submitScorecard(ALICE))
      .thenState();
    expect(state).toMatchObject({
      interviews: [
        {
          id: 'design',
          scorecards: [
            {
              interviewerId: ALICE,
              rating: 4,
              recommendation: 'strong_yes',
              notes: 'Best design session this quarter.',
              submittedAt: NOW,
            },
          ],
        },
      ],
    });
  });
});
