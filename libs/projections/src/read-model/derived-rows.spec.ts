import {
  type ApplicationEvent,
  DEFAULT_POLICY_VERSION,
  EPOCH,
  type PolicyTimeline,
  type SlaPolicyDocument,
  type SlaPolicyVersion,
  normalisePolicy,
} from '@app/hiring';
import {
  ALICE,
  BOB,
  application,
  cancelled,
  held,
  mon,
  moved,
  scheduled,
  scorecard,
  submitted,
  thu,
  tue,
  wed,
} from '@app/hiring/testing/application-fixtures';
import type { ApplicationRecord } from './application-record';
import { type DerivedRows, changedRows, deriveRows } from './derived-rows';

/*
 * deriveRows as a specification, without a database: given an application's events and the SLA
 * policy timeline, when its rows are derived, then the obligation rows are what the domain owes,
 * each judged by the version in force at its start, and every wait for an interview is kept
 * whatever the policy says of it.
 */

const ID = '00000000-0000-4000-8000-000000000001';

const version = (n: number, effectiveFrom: string, document: SlaPolicyDocument): SlaPolicyVersion => ({
  ...DEFAULT_POLICY_VERSION,
  version: n,
  effectiveFrom,
  policy: normalisePolicy(document),
});

const DEFAULTS = version(1, EPOCH, {});
const SCHEDULING_ON = { targets: { scheduling: { hours: 24 } } };

const record = (events: ApplicationEvent[]): ApplicationRecord => ({
  id: ID,
  version: events.length - 1,
  position: events.length,
  state: application(...events),
  statusLog: [],
  notices: {},
  noticesVersion: -1,
});

const given = (...events: ApplicationEvent[]) => ({
  derivedWith: (...timeline: PolicyTimeline) => deriveRows(record(events), timeline),
});

const judged = (rows: DerivedRows) =>
  rows.obligations.map(
    (o) => `${o.obligation_id} ${o.started_at} → ${o.due_at} v${o.policy_version} ${o.target_hours}h`,
  );

/** In the recruiter screen since Monday 09:30, a call with Alice booked at 09:45 and held at 10:00. */
const heldCall = (): ApplicationEvent[] => [
  submitted(mon('09:00')),
  moved('applied', 'recruiter_screen', mon('09:30')),
  scheduled('call', 'recruiter_call', [ALICE], mon('09:45')),
  held('call', mon('10:00')),
];

describe('the rows derived from an application', () => {
  it('owe what the domain owes, each row judged by the only version there is', () =>
    expect(judged(given(...heldCall()).derivedWith(DEFAULTS))).toEqual([
      `decision:0 ${mon('09:00')} → ${wed('09:00')} v1 48h`,
      `decision:1 ${mon('10:00')} → ${wed('10:00')} v1 48h`,
      `scorecard:call:${ALICE} ${mon('10:00')} → ${wed('10:00')} v1 48h`,
    ]));

  it('judge each obligation by the version in force at its start, not by the latest', () => {
    const shorter = version(2, mon('09:45'), { targets: { decision: { hours: 24 }, scorecard: { hours: 12 } } });
    expect(judged(given(...heldCall()).derivedWith(DEFAULTS, shorter))).toEqual([
      `decision:0 ${mon('09:00')} → ${wed('09:00')} v1 48h`,
      `decision:1 ${mon('10:00')} → ${tue('10:00')} v2 24h`,
      `scorecard:call:${ALICE} ${mon('10:00')} → ${mon('22:00')} v2 12h`,
    ]);
  });

  it('let a later version with an earlier effectiveFrom re-judge what started since then', () => {
    const later = version(2, mon('10:00'), { targets: { scorecard: { hours: 24 } } });
    const earlier = version(3, EPOCH, { targets: { scorecard: { hours: 72 } } });
    expect(judged(given(...heldCall()).derivedWith(DEFAULTS, later, earlier))).toContain(
      `scorecard:call:${ALICE} ${mon('10:00')} → ${thu('10:00')} v3 72h`,
    );
  });

  it('keep every wait for an interview to be booked, though the policy owes none', () => {
    const rows = given(...heldCall()).derivedWith(DEFAULTS);
    expect(rows.obligations.some((o) => o.kind === 'scheduling')).toBe(false);
    expect(rows.waits).toEqual([
      {
        application_id: ID,
        obligation_id: 'scheduling:0',
        job_id: 'job-1',
        stage: 'recruiter_screen',
        started_at: mon('09:30'),
        satisfied_at: mon('09:45'),
        cancelled_at: null,
      },
    ]);
  });

  it('owe a scheduled interview with the same id as its wait once a version turns scheduling on', () => {
    const rows = given(...heldCall()).derivedWith(DEFAULTS, version(2, EPOCH, SCHEDULING_ON));
    expect(judged(rows)).toContain(`scheduling:0 ${mon('09:30')} → ${tue('09:30')} v2 24h`);
    expect(rows.obligations.find((o) => o.obligation_id === 'scheduling:0')).toMatchObject({
      kind: 'scheduling',
      stage: 'recruiter_screen',
      satisfied_at: mon('09:45'),
    });
  });

  it('count business hours on the working hours and holidays of the version’s calendar', () => {
    const belgrade = version(2, EPOCH, {
      targets: { scorecard: { hours: 8 } },
      calendar: {
        type: 'business',
        timeZone: 'Europe/Belgrade',
        workingHours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']] },
        holidays: ['2026-11-24'],
      },
    });
    // Held Monday 11:00 Belgrade time; 6 hours left on Monday, Tuesday is a holiday, 2 more on Wednesday.
    expect(judged(given(...heldCall()).derivedWith(belgrade))).toContain(
      `scorecard:call:${ALICE} ${mon('10:00')} → ${wed('10:00')} v2 8h`,
    );
  });

  it('leave out of a batch the obligations whose values did not change', () => {
    const before = given(...heldCall()).derivedWith(DEFAULTS);
    const after = given(...heldCall(), scorecard('call', ALICE, tue('09:00'))).derivedWith(DEFAULTS);
    expect(changedRows(before, after).obligations.map((o) => [o.obligation_id, o.satisfied_at])).toEqual([
      [`scorecard:call:${ALICE}`, tue('09:00')],
    ]);
  });

  it('show in a diff between two timelines only the obligations the new version now judges', () => {
    const events = heldCall();
    const rejudged = changedRows(
      given(...events).derivedWith(DEFAULTS),
      given(...events).derivedWith(DEFAULTS, version(2, mon('10:00'), { targets: { scorecard: { hours: 24 } } })),
    );
    expect(judged(rejudged)).toEqual([
      `decision:1 ${mon('10:00')} → ${wed('10:00')} v2 48h`,
      `scorecard:call:${ALICE} ${mon('10:00')} → ${tue('10:00')} v2 24h`,
    ]);
    expect(rejudged.waits).toEqual([]);
  });

  it('record a new wait when the only booked interview is cancelled before any was held', () => {
    const rows = given(
      submitted(mon('09:00')),
      moved('applied', 'recruiter_screen', mon('09:30')),
      scheduled('call', 'recruiter_call', [BOB], mon('09:45')),
      cancelled('call', mon('11:00')),
    ).derivedWith(DEFAULTS);
    expect(rows.waits.map((w) => [w.obligation_id, w.started_at, w.satisfied_at])).toEqual([
      ['scheduling:0', mon('09:30'), mon('09:45')],
      ['scheduling:1', mon('11:00'), null],
    ]);
  });
});
