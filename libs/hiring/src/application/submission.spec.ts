import { ApplicationAlreadyExists, ApplicationNotFound, InvalidTimestamp } from '../errors';
import { ALICE, APPLICATION_ID, JOB_ID, NOW, RECRUITER, given, submitted } from '../testing/application-fixtures';

describe('submitting an application', () => {
  it('records a new application with its job and source, and no personal data', () =>
    given()
      .when({ type: 'SubmitApplication', data: { applicationId: APPLICATION_ID, jobId: JOB_ID, source: 'referral' } })
      .then([
        {
          type: 'ApplicationSubmitted',
          data: { applicationId: APPLICATION_ID, jobId: JOB_ID, source: 'referral', submittedAt: NOW, by: RECRUITER },
        },
      ]));

  it('records a missing or blank source as none', () =>
    given()
      .when({ type: 'SubmitApplication', data: { applicationId: APPLICATION_ID, jobId: JOB_ID, source: '  ' } })
      .then([
        {
          type: 'ApplicationSubmitted',
          data: { applicationId: APPLICATION_ID, jobId: JOB_ID, source: null, submittedAt: NOW, by: RECRUITER },
        },
      ]));

  it('starts the application active in applied', () => {
    const state = given()
      .when({ type: 'SubmitApplication', data: { applicationId: APPLICATION_ID, jobId: JOB_ID } })
      .thenState();
    expect(state).toMatchObject({ status: 'active', stage: 'applied', stageEnteredAt: NOW });
  });

  it('refuses to submit the same application twice', () =>
    given(submitted())
      .when({ type: 'SubmitApplication', data: { applicationId: APPLICATION_ID, jobId: JOB_ID } })
      .thenThrows(ApplicationAlreadyExists));

  it('stores server time in one canonical form, whatever offset it came with', () =>
    given()
      .when({
        type: 'SubmitApplication',
        data: { applicationId: APPLICATION_ID, jobId: JOB_ID },
        now: '2026-11-27T13:00:00+01:00',
      })
      .then([
        {
          type: 'ApplicationSubmitted',
          data: { applicationId: APPLICATION_ID, jobId: JOB_ID, source: null, submittedAt: NOW, by: RECRUITER },
        },
      ]));

  it('refuses a command time that is not an ISO 8601 instant with an offset', () =>
    given()
      .when({
        type: 'SubmitApplication',
        data: { applicationId: APPLICATION_ID, jobId: JOB_ID },
        now: '2026-11-27 12:00',
      })
      .thenThrows(InvalidTimestamp));
});

describe('an application that does not exist', () => {
  it('cannot be moved', () =>
    given()
      .when({ type: 'MoveApplication', data: { toStage: 'recruiter_screen' } })
      .thenThrows(ApplicationNotFound));

  it('cannot be rejected', () =>
    given()
      .when({ type: 'RejectApplication', data: { reasonCode: 'skills_gap' } })
      .thenThrows(ApplicationNotFound));

  it('cannot receive a scorecard', () =>
    given()
      .when({
        type: 'SubmitScorecard',
        data: { interviewId: 'design', rating: 3, recommendation: 'yes' },
        actor: ALICE,
      })
      .thenThrows(ApplicationNotFound));

  it('cannot be erased', () => given().when({ type: 'EraseCandidateData', data: {} }).thenThrows(ApplicationNotFound));
});
