import * as errors from './errors';
import { DomainError } from './errors';

/** One of each refusal, as the deciders raise it. */
const examples: DomainError[] = [
  new errors.UnknownStage('onsite'),
  new errors.UnknownInterviewKind('pairing'),
  new errors.InvalidDuration(),
  new errors.InterviewersRequired(),
  new errors.InvalidTimestamp('heldAt'),
  new errors.InvalidSlaPolicy([
    { field: 'reminders[0]', message: 'must be a fraction of the target between 0 and 1, exclusive' },
  ]),
  new errors.UnknownCandidateUpdateChannel('carrier_pigeon'),
  new errors.InvalidJobTeam([{ field: 'recruiterIds[0]', message: 'must be a user id of 1 to 200 characters' }]),
  new errors.HeldAtInFuture(),
  new errors.ApplicationNotFound(),
  new errors.InterviewNotFound(),
  new errors.JobNotFound(),
  new errors.NotAnInterviewer(),
  new errors.ApplicationAlreadyExists(),
  new errors.DuplicateActiveApplication('application-0'),
  new errors.ApplicationNotActive('rejected'),
  new errors.ApplicationNotActive('withdrawn'),
  new errors.ApplicationNotActive('hired'),
  new errors.AlreadyInStage('technical'),
  new errors.ReasonRequired('cto'),
  new errors.InterviewsStillScheduled('technical'),
  new errors.NotAnInterviewStage('applied'),
  new errors.InterviewKindNotInStage('cto_meeting', 'technical'),
  new errors.InterviewAlreadyExists(),
  new errors.InterviewNotScheduled('no_show'),
  new errors.InterviewNotHeld(),
  new errors.ScorecardAlreadySubmitted(),
  new errors.NotInReferencesStage(),
  new errors.NotInOfferStage(),
  new errors.OfferAlreadyOutstanding(),
  new errors.OfferAlreadyExtended(),
  new errors.ReferenceAlreadyRecorded(),
  new errors.CandidateUpdateAlreadyRecorded(),
  new errors.NoOutstandingOffer(),
  new errors.NotRejected(),
  new errors.JobAlreadyExists(),
  new errors.JobClosed(),
  new errors.JobAlreadyClosed(),
];
const distinct = <T>(values: T[]) => [...new Set(values)];

describe('domain errors', () => {
  it('are all exemplified here', () =>
    expect(distinct(examples.map((error) => error.constructor)).sort()).toEqual(
      Object.values(errors)
        .filter((value) => typeof value === 'function' && value.prototype instanceof DomainError)
        .sort(),
    ));

  it('each have their own stable code', () => {
    const codes = distinct(examples.map((error) => error.constructor)).map(
      (ErrorClass) => examples.find((error) => error.constructor === ErrorClass)?.code,
    );
    expect(distinct(codes)).toHaveLength(codes.length);
    expect(codes.filter((code) => !/^[a-z]+(-[a-z]+)*$/.test(code ?? ''))).toEqual([]);
  });

  it('each say which kind of refusal they are', () =>
    expect(examples.every((error) => ['invalid', 'not_found', 'forbidden', 'conflict'].includes(error.kind))).toBe(
      true,
    ));

  it('are named after their class, for logs', () =>
    expect(examples.filter((error) => error.name !== error.constructor.name)).toEqual([]));

  it('call stages by the names recruiters use', () =>
    expect(new errors.ReasonRequired('cto').message).toBe(
      'Moving to the CTO stage skips or goes back in the pipeline, so it needs a reason.',
    ));

  it('speak in sentences', () =>
    expect(examples.map((error) => error.message).filter((message) => !/^[A-Z"].*[.]$/.test(message))).toEqual([]));

  it.each([
    ['a held time in the future', 'invalid', new errors.HeldAtInFuture()],
    ['an unknown kind of interview', 'invalid', new errors.UnknownInterviewKind('pairing')],
    ['an unknown application', 'not_found', new errors.ApplicationNotFound()],
    ['an unknown interview', 'not_found', new errors.InterviewNotFound()],
    ['a scorecard from a non-interviewer', 'forbidden', new errors.NotAnInterviewer()],
    ['a skip without a reason', 'conflict', new errors.ReasonRequired('cto')],
    [
      'a known kind of interview in the wrong stage',
      'conflict',
      new errors.InterviewKindNotInStage('cto_meeting', 'technical'),
    ],
  ])('treats %s as %s', (_, kind, error) => expect(error.kind).toBe(kind));

  it('tells the recruiter why a rejected application cannot change, and what to do', () =>
    expect(new errors.ApplicationNotActive('rejected').message).toBe(
      'This application can no longer be changed: the candidate has been rejected (unreject the application first).',
    ));

  it('names the existing application when the candidate already applied', () =>
    expect(new errors.DuplicateActiveApplication('application-0')).toMatchObject({
      kind: 'conflict',
      existingApplicationId: 'application-0',
    }));
});
