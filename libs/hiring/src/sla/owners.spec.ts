import { ALICE, BOB, application, heldTechnicalInterview, submitted } from '../testing/application-fixtures';
import { obligationsUnder } from './obligations';
import { escalationRecipients, obligationOwners } from './owners';
import { DEFAULT_POLICY_VERSION, normalisePolicy } from './policy';

const RITA = 'recruiter-rita';
const REX = 'recruiter-rex';
const MAX = 'manager-max';

const [decision] = obligationsUnder(application(submitted()), [DEFAULT_POLICY_VERSION]);
const bobsScorecard = obligationsUnder(application(...heldTechnicalInterview()), [DEFAULT_POLICY_VERSION]).find(
  (o) => o.interviewerId === BOB,
);
const [, scheduling] = obligationsUnder(application(...heldTechnicalInterview().slice(0, 2)), [
  { ...DEFAULT_POLICY_VERSION, policy: normalisePolicy({ targets: { scheduling: { hours: 24 } } }) },
]);

describe('who owns an obligation', () => {
  it('is the job’s recruiters for a decision', () =>
    expect(obligationOwners(decision, { recruiterIds: [RITA, REX], hiringManagerIds: [MAX] })).toEqual([RITA, REX]));

  it('is the job’s hiring managers for a decision when the job has no recruiter', () =>
    expect(obligationOwners(decision, { recruiterIds: [], hiringManagerIds: [MAX] })).toEqual([MAX]));

  it('is the job’s recruiters for a booking the candidate waits for', () => {
    expect(scheduling.kind).toBe('scheduling');
    expect(obligationOwners(scheduling, { recruiterIds: [RITA], hiringManagerIds: [MAX] })).toEqual([RITA]);
  });

  it('is the interviewer alone for a scorecard, whoever is on the team', () =>
    expect(
      bobsScorecard && obligationOwners(bobsScorecard, { recruiterIds: [RITA], hiringManagerIds: [ALICE] }),
    ).toEqual([BOB]));

  it('is nobody when the job names no team', () =>
    expect(obligationOwners(decision, { recruiterIds: [], hiringManagerIds: [] })).toEqual([]));
});

describe('who hears of a breach', () => {
  it('is the owners, then the hiring managers and recruiters, each once', () =>
    expect(
      bobsScorecard && escalationRecipients(bobsScorecard, { recruiterIds: [RITA, BOB], hiringManagerIds: [MAX] }),
    ).toEqual([BOB, MAX, RITA]));

  it('includes the hiring managers of a decision the recruiters own', () =>
    expect(escalationRecipients(decision, { recruiterIds: [RITA], hiringManagerIds: [MAX] })).toEqual([RITA, MAX]));
});
