import type { ApplicationEvent } from '../application/application.events';
import {
  ALICE,
  BOB,
  advancedTo,
  application,
  cancelled,
  held,
  mon,
  moved,
  noShow,
  offerExtended,
  rejected,
  scheduled,
  submitted,
  thu,
  tue,
  unrejected,
  wed,
  withdrawn,
} from '../testing/application-fixtures';
import { obligations } from './obligations';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './policy';

const decisions = (...events: ApplicationEvent[]) =>
  obligations(application(...events), DEFAULT_SLA_POLICY).filter((o) => o.kind === 'decision');

const openDecisions = (...events: ApplicationEvent[]) =>
  decisions(...events).filter((o) => o.satisfiedAt === undefined && o.cancelledAt === undefined);

/** In technical, with the system design interview booked (for Alice) and the live coding one too. */
const technicalBooked = (): ApplicationEvent[] => [
  submitted(),
  ...advancedTo('technical'),
  scheduled('design', 'system_design'),
  scheduled('coding', 'live_coding', [BOB]),
];

describe('the decision a candidate waits for', () => {
  describe('in applied and references', () => {
    it('is owed from the moment the application is submitted', () =>
      expect(decisions(submitted(mon('09:00')))).toEqual([
        {
          id: 'decision:0',
          kind: 'decision',
          stage: 'applied',
          startedAt: mon('09:00'),
          dueAt: wed('09:00'),
          targetHours: 48,
          policyVersion: 1,
        },
      ]));

    it('is owed from the moment the application enters references', () =>
      expect(openDecisions(submitted(), ...advancedTo('references', tue('11:00')))).toEqual([
        expect.objectContaining({ stage: 'references', startedAt: tue('11:00'), dueAt: thu('11:00') }),
      ]));

    it('is owed again when the application is moved back to applied', () =>
      expect(
        openDecisions(
          submitted(),
          moved('applied', 'recruiter_screen'),
          moved('recruiter_screen', 'applied', tue('09:00'), 'Wrong role'),
        ),
      ).toEqual([expect.objectContaining({ stage: 'applied', startedAt: tue('09:00') })]));
  });

  describe('in interview stages', () => {
    it('is not owed on arrival, before any interview', () =>
      expect(openDecisions(submitted(), ...advancedTo('recruiter_screen'))).toEqual([]));

    it('is not owed while an interview is only scheduled', () =>
      expect(
        openDecisions(submitted(), ...advancedTo('recruiter_screen'), scheduled('call', 'recruiter_call')),
      ).toEqual([]));

    it('is owed from the held time of the stage’s only interview', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('cto'),
          scheduled('meeting', 'cto_meeting'),
          held('meeting', mon('10:00'), tue('08:00')),
        ),
      ).toEqual([expect.objectContaining({ stage: 'cto', startedAt: mon('10:00'), dueAt: wed('10:00') })]));

    it('is not owed while another interview of the stage is still scheduled', () =>
      expect(openDecisions(...technicalBooked(), held('design', mon('10:00')))).toEqual([]));

    it('is owed from the last held time once every interview of the stage has been held', () =>
      expect(openDecisions(...technicalBooked(), held('design', mon('10:00')), held('coding', mon('14:00')))).toEqual([
        expect.objectContaining({ stage: 'technical', startedAt: mon('14:00') }),
      ]));

    it('counts the latest held time, not the last one recorded', () =>
      expect(openDecisions(...technicalBooked(), held('coding', mon('14:00')), held('design', mon('10:00')))).toEqual([
        expect.objectContaining({ startedAt: mon('14:00') }),
      ]));

    it('is owed from the held interview’s time when the other one is cancelled later', () =>
      expect(
        openDecisions(...technicalBooked(), held('design', mon('10:00')), cancelled('coding', tue('09:00'))),
      ).toEqual([expect.objectContaining({ startedAt: mon('10:00') })]));

    it('is owed from the held interview’s time when the candidate misses the other one', () =>
      expect(openDecisions(...technicalBooked(), held('design', mon('10:00')), noShow('coding', tue('09:00')))).toEqual(
        [expect.objectContaining({ startedAt: mon('10:00') })],
      ));

    it('is not owed when no interview of the stage was held', () =>
      expect(openDecisions(...technicalBooked(), noShow('design'), cancelled('coding'))).toEqual([]));

    it('is not owed for interviews held on an earlier stay in the stage', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('technical'),
          scheduled('design', 'system_design'),
          held('design', mon('10:00')),
          moved('technical', 'manager_interviews', tue('09:00'), 'Second manager opinion'),
          moved('manager_interviews', 'technical', tue('10:00')),
        ),
      ).toEqual([]));

    it('is not owed in the current stage for an interview of a stage the application has left', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('technical'),
          scheduled('design', 'system_design'),
          moved('technical', 'manager_interviews', tue('09:00'), 'Second manager opinion'),
          held('design', mon('10:00')),
        ),
      ).toEqual([]));

    it('is not owed for an interview held after the candidate was rejected', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('cto'),
          scheduled('meeting', 'cto_meeting'),
          rejected('cto', tue('09:00')),
          held('meeting'),
        ),
      ).toEqual([]));
  });

  describe('is satisfied', () => {
    it('by a move to the next stage', () =>
      expect(decisions(submitted(mon('09:00')), moved('applied', 'recruiter_screen', tue('09:00')))).toEqual([
        expect.objectContaining({ id: 'decision:0', satisfiedAt: tue('09:00') }),
      ]));

    it('by a move back', () =>
      expect(
        decisions(
          submitted(),
          ...advancedTo('references', mon('09:30')),
          moved('references', 'cto', tue('09:00'), 'CTO wants a word'),
        ),
      ).toEqual([
        expect.objectContaining({ stage: 'applied', satisfiedAt: mon('09:30') }),
        expect.objectContaining({ stage: 'references', satisfiedAt: tue('09:00') }),
      ]));

    it('by a rejection', () =>
      expect(decisions(submitted(), rejected('applied', tue('09:00')))).toEqual([
        expect.objectContaining({ satisfiedAt: tue('09:00') }),
      ]));

    it('by scheduling another interview in the stage, at the time it was booked', () =>
      expect(
        decisions(
          submitted(),
          ...advancedTo('technical'),
          scheduled('design', 'system_design'),
          held('design', mon('10:00')),
          scheduled('coding', 'live_coding', [BOB], tue('09:00')),
        ),
      ).toEqual([
        expect.objectContaining({ stage: 'applied' }),
        expect.objectContaining({ stage: 'technical', startedAt: mon('10:00'), satisfiedAt: tue('09:00') }),
      ]));
  });

  it('starts a new decision once the interview booked instead has been held', () =>
    expect(
      decisions(
        submitted(),
        ...advancedTo('technical'),
        scheduled('design', 'system_design'),
        held('design', mon('10:00')),
        scheduled('coding', 'live_coding', [BOB], tue('09:00')),
        held('coding', wed('10:00')),
      ).map(({ id, startedAt, satisfiedAt }) => ({ id, startedAt, satisfiedAt })),
    ).toEqual([
      { id: 'decision:0', startedAt: mon('09:00'), satisfiedAt: mon('09:30') },
      { id: 'decision:1', startedAt: mon('10:00'), satisfiedAt: tue('09:00') },
      { id: 'decision:2', startedAt: wed('10:00'), satisfiedAt: undefined },
    ]));

  // SPEC §3 read literally: the candidate has been waiting since the last held interview.
  it('is owed again from the earlier held time when the interview booked instead is cancelled', () =>
    expect(
      openDecisions(
        submitted(),
        ...advancedTo('technical'),
        scheduled('design', 'system_design'),
        held('design', mon('10:00')),
        scheduled('coding', 'live_coding', [BOB], tue('09:00')),
        cancelled('coding', wed('09:00')),
      ),
    ).toEqual([expect.objectContaining({ id: 'decision:2', startedAt: mon('10:00') })]));

  it('is cancelled, not satisfied, when the candidate withdraws', () =>
    expect(decisions(submitted(mon('09:00')), withdrawn('applied', tue('09:00')))).toEqual([
      {
        id: 'decision:0',
        kind: 'decision',
        stage: 'applied',
        startedAt: mon('09:00'),
        dueAt: wed('09:00'),
        targetHours: 48,
        policyVersion: 1,
        cancelledAt: tue('09:00'),
      },
    ]));

  it('is never owed in offer', () =>
    expect(openDecisions(submitted(), ...advancedTo('offer'), offerExtended())).toEqual([]));

  // SPEC is silent on unreject: the wait starts again at the unreject if the stage owes a decision.
  describe('after an unreject', () => {
    it('is owed again from the unreject in applied', () =>
      expect(
        openDecisions(submitted(), rejected('applied', tue('09:00')), unrejected('applied', tue('10:00'))),
      ).toEqual([expect.objectContaining({ id: 'decision:1', stage: 'applied', startedAt: tue('10:00') })]));

    it('is owed again from the unreject in references', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('references'),
          rejected('references', tue('09:00')),
          unrejected('references', tue('10:00')),
        ),
      ).toEqual([expect.objectContaining({ stage: 'references', startedAt: tue('10:00') })]));

    it('is owed again from the unreject in an interview stage whose interviews were held', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('cto'),
          scheduled('meeting', 'cto_meeting'),
          held('meeting', mon('10:00')),
          rejected('cto', tue('09:00')),
          unrejected('cto', wed('09:00')),
        ),
      ).toEqual([expect.objectContaining({ stage: 'cto', startedAt: wed('09:00') })]));

    it('is owed from the unreject for an interview held while the candidate was rejected', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('cto'),
          scheduled('meeting', 'cto_meeting'),
          rejected('cto', mon('09:50')),
          held('meeting', mon('10:00')),
          unrejected('cto', wed('09:00')),
        ),
      ).toEqual([expect.objectContaining({ stage: 'cto', startedAt: wed('09:00') })]));

    it('is not owed in an interview stage with an interview still scheduled', () =>
      expect(
        openDecisions(
          submitted(),
          ...advancedTo('cto'),
          scheduled('meeting', 'cto_meeting'),
          rejected('cto'),
          unrejected('cto'),
        ),
      ).toEqual([]));

    it('is not owed in offer', () =>
      expect(openDecisions(submitted(), ...advancedTo('offer'), rejected('offer'), unrejected('offer'))).toEqual([]));
  });

  it('falls due by the policy’s calendar', () => {
    const business: SlaPolicy = { hours: 48, calendar: 'business', timeZone: 'Europe/Belgrade' };
    // Friday 27 November 16:00 in Belgrade.
    const [decision] = obligations(application(submitted('2026-11-27T15:00:00.000Z')), business);
    expect(decision.dueAt).toBe('2026-12-01T15:00:00.000Z');
  });
});

describe('obligation ids', () => {
  it('are the same every time the obligations are computed from the same events', () => {
    const events = [...technicalBooked(), held('design'), held('coding'), moved('technical', 'cto')];
    expect(obligations(application(...events), DEFAULT_SLA_POLICY).map((o) => o.id)).toEqual(
      obligations(application(...events), DEFAULT_SLA_POLICY).map((o) => o.id),
    );
  });

  it('name the interview and interviewer of a scorecard', () =>
    expect(
      obligations(application(...technicalBooked(), held('design')), DEFAULT_SLA_POLICY)
        .filter((o) => o.kind === 'scorecard')
        .map((o) => o.id),
    ).toEqual([`scorecard:design:${ALICE}`]));
});
