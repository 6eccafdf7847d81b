import { InvalidSlaPolicy } from '../errors';
import { EventSchemaError } from '../events/schema-versions';
import { parseSlaPolicyEvent } from '../events/parse';
import { specFor } from '../testing/given';
import { specExample } from '../testing/policy-fixtures';
import { WHOLE_WEEKDAYS } from './calendar';
import {
  DEFAULT_POLICY,
  DEFAULT_SLA_POLICY,
  EPOCH,
  type NormalisedPolicy,
  type SlaPolicyVersion,
  normalisePolicy,
  policyInForceAt,
  seedPolicy,
  targetHours,
} from './policy';
import { type SlaPolicyEvent, slaPolicyDecider } from './sla-policy.decider';

const NOW = '2026-11-30T09:00:00.000Z';
const ADMIN = 'admin-ada';
const given = specFor(slaPolicyDecider, { actor: ADMIN, now: NOW });

const version = (
  number: number,
  effectiveFrom: string,
  policy: NormalisedPolicy = DEFAULT_POLICY,
): SlaPolicyVersion => ({
  version: number,
  effectiveFrom,
  policy,
  changedAt: NOW,
  by: ADMIN,
});
const changed = (data: SlaPolicyVersion): SlaPolicyEvent => ({ type: 'SlaPolicyChanged', data });

describe('filling in an SLA policy', () => {
  it('gives an empty document the rules of SPEC §3', () => expect(normalisePolicy({})).toEqual(DEFAULT_POLICY));

  it('counts Monday to Friday, whole days, in Belgrade on a business calendar without working hours', () =>
    expect(normalisePolicy({ calendar: { type: 'business' } }).calendar).toEqual({
      type: 'business',
      timeZone: 'Europe/Belgrade',
      workingHours: WHOLE_WEEKDAYS,
      holidays: [],
    }));

  it('keeps a kind’s default hours when only its stages are given', () =>
    expect(normalisePolicy({ targets: { decision: { byStage: { references: 72 } } } }).targets.decision).toEqual({
      hours: 48,
      byStage: { references: 72 },
    }));

  it('keeps an empty list of reminders: no reminders at all', () =>
    expect(normalisePolicy({ reminders: [] }).reminders).toEqual([]));

  it('seeds version 1 from the configuration, in force since always', () =>
    expect(seedPolicy({ hours: 24, calendar: 'business', timeZone: 'Europe/London' })).toEqual({
      effectiveFrom: EPOCH,
      targets: { decision: { hours: 24 }, scorecard: { hours: 24 }, scheduling: { hours: null } },
      calendar: { type: 'business', timeZone: 'Europe/London' },
      reminders: [0.5, 0.75],
    }));
});

describe('changing the SLA policy', () => {
  it('records the example of SPEC §7 as the next version, filled in', () =>
    given(changed(version(1, EPOCH)))
      .when({ type: 'ChangeSlaPolicy', data: { policy: specExample } })
      .then([
        changed({
          version: 2,
          effectiveFrom: '2026-12-01T00:00:00.000Z',
          policy: normalisePolicy(specExample),
          changedAt: NOW,
          by: ADMIN,
        }),
      ]));

  it('takes the defaults for omitted fields, not the previous version’s values', () => {
    const strict = normalisePolicy({ targets: { scorecard: { hours: 24 } }, reminders: [0.9] });
    const state = given(changed(version(1, EPOCH)), changed(version(2, EPOCH, strict)))
      .when({ type: 'ChangeSlaPolicy', data: { policy: { targets: { decision: { hours: 72 } } } } })
      .thenState();
    expect(state[2].policy).toMatchObject({
      targets: { decision: { hours: 72 }, scorecard: { hours: 48 } },
      reminders: [0.5, 0.75],
    });
  });

  it('applies a change without an effectiveFrom from the moment it is made', () =>
    expect(
      given(changed(version(1, EPOCH)))
        .when({ type: 'ChangeSlaPolicy', data: { policy: {} } })
        .thenState()[1].effectiveFrom,
    ).toBe(NOW));

  it('refuses an invalid policy and says what is wrong with each field', () =>
    expect(() =>
      slaPolicyDecider.decide(
        { type: 'ChangeSlaPolicy', data: { policy: { reminders: [1.5] } }, actor: ADMIN, now: NOW },
        [],
      ),
    ).toThrow(
      expect.objectContaining({
        constructor: InvalidSlaPolicy,
        field: 'reminders[0]',
        problems: [expect.objectContaining({ field: 'reminders[0]' })],
      }),
    ));

  it('seeds version 1 from the configuration on a database without a policy', () =>
    given()
      .when({ type: 'SeedSlaPolicy', data: DEFAULT_SLA_POLICY, actor: 'system' })
      .then([changed({ ...version(1, EPOCH), by: 'system' })]));

  it('does not seed once a policy exists, whatever the configuration says now', () =>
    given(changed(version(1, EPOCH)))
      .when({ type: 'SeedSlaPolicy', data: { ...DEFAULT_SLA_POLICY, hours: 24 } })
      .then([]));

  it('reads a stored version back as written', () => {
    const event = changed(
      version(2, '2026-12-01T00:00:00.000Z', normalisePolicy({ targets: { scheduling: { hours: 24 } } })),
    );
    expect(
      parseSlaPolicyEvent({ type: event.type, schemaVersion: 1, data: JSON.parse(JSON.stringify(event.data)) }),
    ).toEqual(event);
  });

  it('refuses a stored version whose policy is not a filled-in policy', () =>
    expect(() =>
      parseSlaPolicyEvent({
        type: 'SlaPolicyChanged',
        schemaVersion: 1,
        data: { ...version(2, EPOCH), policy: { reminders: [0.5] } },
      }),
    ).toThrow(EventSchemaError));
});

describe('the policy in force', () => {
  const dec1 = '2026-12-01T00:00:00.000Z';
  const nov20 = '2026-11-20T00:00:00.000Z';
  const v1 = version(1, EPOCH);
  const v2 = version(2, dec1);

  it('is the newest version already effective', () =>
    expect(policyInForceAt([v1, v2], '2026-12-02T00:00:00.000Z').version).toBe(2));

  it('is still the older version before a future version takes effect', () =>
    expect(policyInForceAt([v1, v2], '2026-11-30T23:59:59.999Z').version).toBe(1));

  it('is the new version from the very instant it takes effect', () =>
    expect(policyInForceAt([v1, v2], dec1).version).toBe(2));

  it('is a later version with an earlier effectiveFrom, for what starts after that', () =>
    expect(policyInForceAt([v1, v2, version(3, nov20)], '2026-12-02T00:00:00.000Z').version).toBe(3));

  it('is an older version for what started before a later version’s effectiveFrom', () =>
    expect(policyInForceAt([v1, v2, version(3, nov20)], '2026-11-19T00:00:00.000Z').version).toBe(1));

  it('is the defaults of SPEC §3 when no version is effective yet', () =>
    expect(policyInForceAt([v2], nov20)).toMatchObject({ version: 0, policy: DEFAULT_POLICY }));
});

describe('the target of an obligation', () => {
  const policy = normalisePolicy(specExample);

  it('is the kind’s hours', () => expect(targetHours(policy, 'decision', 'applied')).toBe(48));

  it('is the stage’s own hours where the policy names the stage', () =>
    expect(targetHours(policy, 'decision', 'references')).toBe(72));

  it('is none for scheduling by default: the kind is off', () =>
    expect(targetHours(DEFAULT_POLICY, 'scheduling', 'technical')).toBeNull());

  it('is none for scheduling in a stage where the policy switches it off', () =>
    expect(
      targetHours(
        normalisePolicy({ targets: { scheduling: { hours: 24, byStage: { cto: null } } } }),
        'scheduling',
        'cto',
      ),
    ).toBeNull());
});
