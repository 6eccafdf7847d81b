import type { ApplicationEvent } from '../application/application.events';
import { advancedTo, application, mon, submitted, thu, tue, wed } from '../testing/application-fixtures';
import { obligationsUnder } from './obligations';
import { DEFAULT_POLICY_VERSION, type PolicyTimeline, type SlaPolicyDocument, normalisePolicy } from './policy';

const v = (version: number, effectiveFrom: string, document: SlaPolicyDocument = {}) => ({
  ...DEFAULT_POLICY_VERSION,
  version,
  effectiveFrom,
  policy: normalisePolicy(document),
});
const v1 = v(1, DEFAULT_POLICY_VERSION.effectiveFrom);
const fastDecisions = { targets: { decision: { hours: 24 } } };

const firstDecision = (timeline: PolicyTimeline, ...events: ApplicationEvent[]) =>
  obligationsUnder(application(...events), timeline).find((o) => o.kind === 'decision');

describe('judging each obligation by the policy in force at its start', () => {
  it('keeps the old target for an obligation that started before a new version took effect', () =>
    expect(firstDecision([v1, v(2, tue('00:00'), fastDecisions)], submitted(mon('09:00')))).toMatchObject({
      dueAt: wed('09:00'),
      targetHours: 48,
      policyVersion: 1,
    }));

  it('applies the new target to an obligation that starts once it is in force', () =>
    expect(firstDecision([v1, v(2, mon('00:00'), fastDecisions)], submitted(mon('09:00')))).toMatchObject({
      dueAt: tue('09:00'),
      targetHours: 24,
      policyVersion: 2,
    }));

  it('re-judges obligations already started when a version is made effective from the past', () => {
    const before = firstDecision([v1], submitted(mon('09:00')));
    const after = firstDecision(
      [v1, { ...v(2, mon('00:00'), fastDecisions), changedAt: wed('12:00') }],
      submitted(mon('09:00')),
    );
    expect([before?.dueAt, after?.dueAt]).toEqual([wed('09:00'), tue('09:00')]);
  });

  it('uses a stage’s own target', () =>
    expect(
      obligationsUnder(application(submitted(), ...advancedTo('references', mon('10:00'))), [
        v(1, DEFAULT_POLICY_VERSION.effectiveFrom, { targets: { decision: { byStage: { references: 72 } } } }),
      ])
        .filter((o) => o.stage === 'references')
        .map((o) => [o.targetHours, o.dueAt]),
    ).toEqual([[72, thu('10:00')]]));

  describe('on a business calendar with working hours', () => {
    const office = v(1, DEFAULT_POLICY_VERSION.effectiveFrom, {
      targets: { decision: { hours: 8 } },
      calendar: {
        type: 'business',
        timeZone: 'Europe/Belgrade',
        workingHours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
        holidays: ['2026-11-24'],
      },
    });

    it('starts counting an obligation that starts on a Saturday at the next working moment', () =>
      // Saturday 28 November 11:00 local → Monday 30 November 09:00 local + 8 working hours = 17:00 local.
      expect(firstDecision([office], submitted('2026-11-28T10:00:00.000Z'))?.dueAt).toBe('2026-11-30T16:00:00.000Z'));

    it('skips days without working hours and holidays', () =>
      // Monday 23 November 16:00 local: 1 h that day; Tuesday is a holiday, Wednesday and Thursday are not
      // worked, so the other 7 h fall on Friday 09:00–16:00 local.
      expect(firstDecision([office], submitted('2026-11-23T15:00:00.000Z'))?.dueAt).toBe('2026-11-27T15:00:00.000Z'));
  });
});
