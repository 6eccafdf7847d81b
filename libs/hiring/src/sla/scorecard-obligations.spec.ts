import type { ApplicationEvent } from '../application/application.events';
import {
  ALICE,
  BOB,
  advancedTo,
  application,
  cancelled,
  held,
  heldTechnicalInterview,
  mon,
  moved,
  noShow,
  rejected,
  scheduled,
  scorecard,
  submitted,
  tue,
  wed,
  withdrawn,
} from '../testing/application-fixtures';
import { type Obligation, obligations } from './obligations';
import { DEFAULT_SLA_POLICY } from './policy';

const scorecards = (...events: ApplicationEvent[]) =>
  obligations(application(...events), DEFAULT_SLA_POLICY).filter((o) => o.kind === 'scorecard');

const stillOpen = (o: Obligation) => o.satisfiedAt === undefined && o.cancelledAt === undefined;

describe('the scorecards interviewers owe', () => {
  it('is one per interviewer of a held interview, from its held time', () =>
    expect(scorecards(...heldTechnicalInterview(mon('10:00')))).toEqual([
      {
        id: `scorecard:design:${ALICE}`,
        kind: 'scorecard',
        stage: 'technical',
        interviewId: 'design',
        interviewerId: ALICE,
        startedAt: mon('10:00'),
        dueAt: wed('10:00'),
        targetHours: 48,
        policyVersion: 1,
      },
      {
        id: `scorecard:design:${BOB}`,
        kind: 'scorecard',
        stage: 'technical',
        interviewId: 'design',
        interviewerId: BOB,
        startedAt: mon('10:00'),
        dueAt: wed('10:00'),
        targetHours: 48,
        policyVersion: 1,
      },
    ]));

  it('is satisfied by that interviewer’s scorecard, when it was submitted', () =>
    expect(
      scorecards(...heldTechnicalInterview(), scorecard('design', BOB, tue('09:00'))).map((o) => [
        o.interviewerId,
        o.satisfiedAt,
      ]),
    ).toEqual([
      [ALICE, undefined],
      [BOB, tue('09:00')],
    ]));

  it('is not owed for an interview that is only scheduled', () =>
    expect(
      scorecards(submitted(), ...advancedTo('technical'), scheduled('design', 'system_design', [ALICE, BOB])),
    ).toEqual([]));

  it('was never owed for an interview cancelled before it was held', () =>
    expect(
      scorecards(
        submitted(),
        ...advancedTo('technical'),
        scheduled('design', 'system_design', [ALICE, BOB]),
        cancelled('design'),
      ),
    ).toEqual([]));

  it('was never owed for an interview the candidate did not show up to', () =>
    expect(
      scorecards(
        submitted(),
        ...advancedTo('technical'),
        scheduled('design', 'system_design', [ALICE, BOB]),
        noShow('design'),
      ),
    ).toEqual([]));

  it('stays open after the candidate is rejected', () =>
    expect(scorecards(...heldTechnicalInterview(), rejected('technical', tue('09:00'))).map(stillOpen)).toEqual([
      true,
      true,
    ]));

  it('stays open after the candidate withdraws', () =>
    expect(scorecards(...heldTechnicalInterview(), withdrawn('technical', tue('09:00'))).map(stillOpen)).toEqual([
      true,
      true,
    ]));

  it('stays open, in the interview’s stage, after the candidate moves on', () =>
    expect(scorecards(...heldTechnicalInterview(), moved('technical', 'cto', tue('09:00')))).toEqual([
      expect.objectContaining({ stage: 'technical', interviewerId: ALICE }),
      expect.objectContaining({ stage: 'technical', interviewerId: BOB }),
    ]));

  it('is owed for each held interview of a stage', () =>
    expect(
      scorecards(
        submitted(),
        ...advancedTo('technical'),
        scheduled('design', 'system_design', [ALICE]),
        scheduled('coding', 'live_coding', [ALICE]),
        held('design', mon('10:00')),
        held('coding', mon('14:00')),
      ).map((o) => o.id),
    ).toEqual([`scorecard:design:${ALICE}`, `scorecard:coding:${ALICE}`]));
});
