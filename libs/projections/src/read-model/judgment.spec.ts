import {
  type Application,
  DEFAULT_POLICY_VERSION,
  EPOCH,
  type PolicyTimeline,
  evolveApplication,
  initialApplicationState,
  normalisePolicy,
  obligationsUnder,
} from '@app/hiring';
import { specExample } from '@app/hiring/testing/policy-fixtures';
import { generateTraffic } from '../testing/pipeline-traffic';
import { judge } from './judgment';

/**
 * Re-judging and the preview judge obligations from their rows; the runner derives them with the
 * domain's obligationsUnder(). Over generated traffic and a timeline of several versions (a business
 * calendar, scheduling on in some stages), both must agree on every obligation.
 */
describe('judging an obligation from its row', () => {
  const timeline: PolicyTimeline = [
    { ...DEFAULT_POLICY_VERSION, version: 1, effectiveFrom: EPOCH },
    {
      ...DEFAULT_POLICY_VERSION,
      version: 2,
      effectiveFrom: '2026-10-15T00:00:00.000Z',
      policy: normalisePolicy({
        ...specExample,
        targets: { ...specExample.targets, scheduling: { hours: 24, byStage: { cto: null } } },
      }),
    },
    {
      ...DEFAULT_POLICY_VERSION,
      version: 3,
      effectiveFrom: '2026-11-01T00:00:00.000Z',
      policy: normalisePolicy({ targets: { scorecard: { hours: 12 } } }),
    },
  ];
  const applications = new Map<string, Application>();
  for (const { applicationId, event } of generateTraffic({
    applications: 80,
    jobs: ['job-1', 'job-2'],
    interviewers: ['ana', 'ben', 'cyd'],
    start: new Date('2026-10-01T00:00:00Z'),
    end: new Date('2026-11-20T00:00:00Z'),
    seed: 31,
  })) {
    const state = evolveApplication(applications.get(applicationId) ?? initialApplicationState, event);
    if (state.status !== 'none') applications.set(applicationId, state);
  }

  it('gives every obligation the due time, version and target obligationsUnder gives it', () => {
    const obligations = [...applications.values()].flatMap((app) => obligationsUnder(app, timeline));
    expect(new Set(obligations.map((o) => o.policyVersion))).toEqual(new Set([1, 2, 3]));
    for (const o of obligations) {
      expect(judge(timeline, o.kind, o.stage, o.startedAt)).toEqual({
        dueAt: o.dueAt,
        targetHours: o.targetHours,
        policyVersion: o.policyVersion,
      });
    }
  });

  it('owes no scheduling where the version in force has it off, as obligationsUnder owes none', () => {
    for (const app of applications.values()) {
      const owed = new Set(obligationsUnder(app, timeline).map((o) => o.id));
      app.schedulings.forEach((wait, index) => {
        const judged = judge(timeline, 'scheduling', wait.stage, wait.startedAt);
        expect(judged !== null).toBe(owed.has(`scheduling:${index}`));
      });
    }
  });
});
