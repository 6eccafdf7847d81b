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
      ].every((exported) => typeof exported === 'function'),
    ).toBe(true));

  it('starts every application and job from nothing', () => {
    expect(hiring.initialApplicationState).toEqual({ status: 'none' });
    expect(hiring.initialJobState).toEqual({ status: 'none' });
  });

  it('shares its vocabularies with request validation', () =>
    expect(
      [
        hiring.STAGES,
        hiring.INTERVIEW_KINDS,
        hiring.RECOMMENDATIONS,
        hiring.REFERENCE_OUTCOMES,
        hiring.APPLICATION_STATUSES,
      ].map((list) => list.length),
    ).toEqual([7, 5, 4, 3, 4]));
});
