import {
  ALICE,
  BOB,
  application,
  heldTechnicalInterview,
  mon,
  moved,
  scorecard,
  tue,
  wed,
} from '../testing/application-fixtures';
import { isBreached, outcome } from './classification';
import { obligations } from './obligations';
import { DEFAULT_SLA_POLICY } from './policy';

/**
 * SPEC §3, verbatim: calendar mode, 48 h. Interview held Mon 10:00 (the stage's only interview), two
 * interviewers. One scorecard arrives Tue 09:00; the recruiter moves the candidate Wed 12:00.
 */
describe('the worked example of SPEC §3', () => {
  const heldMonday = heldTechnicalInterview(mon('10:00'));
  const scorecardTuesday = scorecard('design', ALICE, tue('09:00'));
  const movedWednesday = moved('technical', 'cto', wed('12:00'));

  const obligationsAfter = (...events: Parameters<typeof application>) =>
    obligations(application(...events), DEFAULT_SLA_POLICY).filter((o) => o.stage === 'technical');
  const find = (list: ReturnType<typeof obligationsAfter>, id: string) => list.find((o) => o.id === id);

  it('makes the decision due Wednesday 10:00', () =>
    expect(obligationsAfter(...heldMonday).find((o) => o.kind === 'decision')).toMatchObject({
      startedAt: mon('10:00'),
      dueAt: wed('10:00'),
    }));

  it('makes each interviewer’s scorecard due Wednesday 10:00', () =>
    expect(obligationsAfter(...heldMonday).filter((o) => o.kind === 'scorecard')).toEqual([
      expect.objectContaining({ interviewerId: ALICE, dueAt: wed('10:00') }),
      expect.objectContaining({ interviewerId: BOB, dueAt: wed('10:00') }),
    ]));

  it('counts the scorecard that arrived Tuesday 09:00 as met on time', () => {
    const alice = find(obligationsAfter(...heldMonday, scorecardTuesday), `scorecard:design:${ALICE}`);
    expect(alice && outcome(alice, wed('13:00'))).toBe('met_on_time');
  });

  it('lists the decision and the missing scorecard as breached at Wednesday 11:00', () =>
    expect(
      obligationsAfter(...heldMonday, scorecardTuesday)
        .filter((o) => isBreached(o, wed('11:00')))
        .map((o) => (o.kind === 'decision' ? 'decision' : o.interviewerId)),
    ).toEqual(['decision', BOB]));

  it('counts the decision met late once the candidate is moved Wednesday 12:00', () => {
    const decision = obligationsAfter(...heldMonday, scorecardTuesday, movedWednesday).find(
      (o) => o.kind === 'decision',
    );
    expect(decision).toMatchObject({ satisfiedAt: wed('12:00') });
    expect(decision && outcome(decision, wed('13:00'))).toBe('met_late');
  });

  it('lists only the missing scorecard as breached at Wednesday 13:00', () =>
    expect(
      obligationsAfter(...heldMonday, scorecardTuesday, movedWednesday)
        .filter((o) => isBreached(o, wed('13:00')))
        .map((o) => o.id),
    ).toEqual([`scorecard:design:${BOB}`]));

  it('still shows the decision as breached when looking back at Wednesday 11:00', () => {
    const all = obligationsAfter(...heldMonday, scorecardTuesday, movedWednesday);
    expect(all.filter((o) => isBreached(o, wed('11:00'))).map((o) => o.kind)).toEqual(['decision', 'scorecard']);
  });

  it('would have breached nothing at Wednesday 10:00 exactly: due is not overdue', () =>
    expect(obligationsAfter(...heldMonday).filter((o) => isBreached(o, wed('10:00')))).toEqual([]));
});
