import type { ApplicationEvent } from '../application/application.events';
import {
  advancedTo,
  application,
  cancelled,
  held,
  mon,
  moved,
  noShow,
  rejected,
  scheduled,
  submitted,
  tue,
  unrejected,
  wed,
  withdrawn,
} from '../testing/application-fixtures';
import { obligationsUnder } from './obligations';
import { DEFAULT_POLICY_VERSION, type PolicyTimeline, normalisePolicy } from './policy';

const withScheduling: PolicyTimeline = [
  { ...DEFAULT_POLICY_VERSION, version: 1, policy: normalisePolicy({ targets: { scheduling: { hours: 24 } } }) },
];

const schedulings = (...events: ApplicationEvent[]) =>
  obligationsUnder(application(...events), withScheduling)
    .filter((o) => o.kind === 'scheduling')
    .map(({ id, stage, startedAt, dueAt, satisfiedAt, cancelledAt }) => ({
      id,
      stage,
      startedAt,
      dueAt,
      satisfiedAt,
      cancelledAt,
    }));

/** In the recruiter screen since Monday 09:30, with nothing booked. */
const inScreen = (): ApplicationEvent[] => [submitted(), moved('applied', 'recruiter_screen', mon('09:30'))];

describe('the interview a candidate waits to have booked', () => {
  it('is owed from entering an interview stage with nothing booked', () =>
    expect(schedulings(...inScreen())).toEqual([
      {
        id: 'scheduling:0',
        stage: 'recruiter_screen',
        startedAt: mon('09:30'),
        dueAt: tue('09:30'),
        satisfiedAt: undefined,
        cancelledAt: undefined,
      },
    ]));

  it('is satisfied by booking an interview in the stage, when it was booked', () =>
    expect(schedulings(...inScreen(), scheduled('call', 'recruiter_call', undefined, mon('11:00')))).toEqual([
      expect.objectContaining({ id: 'scheduling:0', satisfiedAt: mon('11:00') }),
    ]));

  it('is owed again when the stage’s last booked interview is cancelled before any was held', () =>
    expect(
      schedulings(
        ...inScreen(),
        scheduled('call', 'recruiter_call', undefined, mon('11:00')),
        cancelled('call', tue('09:00')),
      ),
    ).toEqual([
      expect.objectContaining({ id: 'scheduling:0', satisfiedAt: mon('11:00') }),
      expect.objectContaining({
        id: 'scheduling:1',
        startedAt: tue('09:00'),
        dueAt: wed('09:00'),
        satisfiedAt: undefined,
      }),
    ]));

  it('is owed again when the candidate misses the stage’s last booked interview', () =>
    expect(
      schedulings(
        ...inScreen(),
        scheduled('call', 'recruiter_call', undefined, mon('11:00')),
        noShow('call', tue('09:00')),
      ),
    ).toEqual([
      expect.objectContaining({ id: 'scheduling:0' }),
      expect.objectContaining({ id: 'scheduling:1', startedAt: tue('09:00') }),
    ]));

  it('is not owed again while another interview of the stage is still booked', () =>
    expect(
      schedulings(
        submitted(),
        ...advancedTo('technical', mon('09:30')),
        scheduled('design', 'system_design', undefined, mon('09:45')),
        scheduled('coding', 'live_coding', undefined, mon('09:45')),
        cancelled('coding', tue('09:00')),
      ).filter((o) => o.stage === 'technical'),
    ).toEqual([expect.objectContaining({ startedAt: mon('09:30'), satisfiedAt: mon('09:45') })]));

  it('is not owed once an interview of the stage was held in this stay: the candidate waits for a decision', () =>
    expect(
      schedulings(
        submitted(),
        ...advancedTo('technical', mon('09:30')),
        scheduled('design', 'system_design', undefined, mon('09:45')),
        scheduled('coding', 'live_coding', undefined, mon('09:45')),
        held('design', mon('10:00')),
        cancelled('coding', tue('09:00')),
      ).filter((o) => o.stage === 'technical'),
    ).toEqual([expect.objectContaining({ startedAt: mon('09:30'), satisfiedAt: mon('09:45') })]));

  it('is not owed on entering a stage whose interview is still booked from an earlier stay', () =>
    expect(
      schedulings(
        submitted(),
        ...advancedTo('technical', mon('09:30')),
        scheduled('design', 'system_design', undefined, mon('09:45')),
        moved('technical', 'manager_interviews', tue('09:00'), 'Second manager opinion'),
        moved('manager_interviews', 'technical', tue('10:00')),
      ).filter((o) => o.startedAt === tue('10:00')),
    ).toEqual([]));

  it('is cancelled when the candidate withdraws', () =>
    expect(schedulings(...inScreen(), withdrawn('recruiter_screen', tue('09:00')))).toEqual([
      expect.objectContaining({ cancelledAt: tue('09:00'), satisfiedAt: undefined }),
    ]));

  it('is satisfied by a move', () =>
    expect(
      schedulings(...inScreen(), moved('recruiter_screen', 'references', tue('09:00'), 'Strong referral')),
    ).toEqual([expect.objectContaining({ satisfiedAt: tue('09:00') })]));

  it('is satisfied by a rejection', () =>
    expect(schedulings(...inScreen(), rejected('recruiter_screen', tue('09:00')))).toEqual([
      expect.objectContaining({ satisfiedAt: tue('09:00') }),
    ]));

  it('is owed again from the unreject when the stage has nothing booked', () =>
    expect(
      schedulings(
        ...inScreen(),
        rejected('recruiter_screen', tue('09:00')),
        unrejected('recruiter_screen', tue('10:00')),
      ),
    ).toEqual([
      expect.objectContaining({ id: 'scheduling:0', satisfiedAt: tue('09:00') }),
      expect.objectContaining({ id: 'scheduling:1', startedAt: tue('10:00') }),
    ]));

  it('is not owed in stages without interviews', () =>
    expect(
      schedulings(submitted(), ...advancedTo('references')).filter((o) => ['applied', 'references'].includes(o.stage)),
    ).toEqual([]));

  it('is not an obligation while the policy has scheduling off (the default)', () =>
    expect(obligationsUnder(application(...inScreen()), [DEFAULT_POLICY_VERSION]).map((o) => o.kind)).toEqual([
      'decision',
    ]));

  it('is an obligation only for waits that start once a policy with scheduling is in force', () => {
    const timeline: PolicyTimeline = [
      { ...DEFAULT_POLICY_VERSION, version: 1 },
      { ...withScheduling[0], version: 2, effectiveFrom: tue('00:00') },
    ];
    const kinds = obligationsUnder(
      application(...inScreen(), moved('recruiter_screen', 'manager_interviews', tue('09:00'))),
      timeline,
    ).map((o) => [o.kind, o.stage, o.policyVersion]);
    expect(kinds).toEqual([
      ['decision', 'applied', 1],
      ['scheduling', 'manager_interviews', 2],
    ]);
  });

  it('keeps its due time under the version it started with', () =>
    expect(obligationsUnder(application(...inScreen()), withScheduling)[1]).toMatchObject({
      kind: 'scheduling',
      targetHours: 24,
      policyVersion: 1,
      dueAt: tue('09:30'),
    }));
});
