import * as hiring from '@app/hiring';

describe('the hiring library', () => {
  it('offers the deciders, the SLA rules and the event readers under @app/hiring', () =>
    expect(
      [
        hiring.decideApplication,
        hiring.evolveApplication,
        hiring.decideJob,
        hiring.evolveJob,
        hiring.requireOpenJob,
        hiring.obligations,
        hiring.dueAt,
        hiring.isBreached,
        hiring.isAtRisk,
        hiring.outcome,
        hiring.upcast,
        hiring.parseApplicationEvent,
        hiring.parseJobEvent,
        hiring.parseSlaPolicyEvent,
        hiring.decideSlaPolicy,
        hiring.evolveSlaPolicy,
        hiring.normalisePolicy,
        hiring.policyProblems,
        hiring.policyInForceAt,
        hiring.targetHours,
        hiring.obligationsUnder,
        hiring.obligationOwners,
        hiring.escalationRecipients,
        hiring.reminderSchedule,
        hiring.nextNotice,
        hiring.nextNoticeAt,
        hiring.teamOf,
        hiring.addWorkingHours,
      ].every((exported) => typeof exported === 'function'),
    ).toBe(true));

  it('starts every application and job from nothing', () => {
    expect(hiring.initialApplicationState).toEqual({ status: 'none' });
    expect(hiring.initialJobState).toEqual({ status: 'none' });
    expect(hiring.initialPolicyTimeline).toEqual([]);
  });

  it('shares its vocabularies with request validation', () =>
    expect(
      [
        hiring.STAGES,
        hiring.INTERVIEW_KINDS,
        hiring.RECOMMENDATIONS,
        hiring.REFERENCE_OUTCOMES,
        hiring.APPLICATION_STATUSES,
        hiring.CANDIDATE_UPDATE_CHANNELS,
        hiring.OBLIGATION_KINDS,
      ].map((list) => list.length),
    ).toEqual([7, 5, 4, 3, 4, 4, 3]));
});
