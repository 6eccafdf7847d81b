import { InvalidJobTeam, InvalidSlaPolicy, InvalidTimestamp } from '@app/hiring';
import { toProblem } from './problem-details.filter';

describe('problem details of a refused input', () => {
  it('lists every field an error names in its problems, not only the first', () =>
    expect(
      toProblem(
        new InvalidJobTeam([
          { field: 'recruiterIds[0]', message: 'must be a user id of 1 to 200 characters' },
          { field: 'hiringManagerIds', message: 'must name at most 50 people' },
        ]),
      ),
    ).toMatchObject({
      status: 400,
      type: '/problems/invalid-job-team',
      errors: [
        { field: 'recruiterIds[0]', message: 'must be a user id of 1 to 200 characters' },
        { field: 'hiringManagerIds', message: 'must name at most 50 people' },
      ],
    }));

  it('does so for any typed error that carries problems', () =>
    expect(
      toProblem(
        new InvalidSlaPolicy([
          { field: 'reminders[0]', message: 'must be between 0 and 1' },
          { field: 'targets.decision.hours', message: 'must be positive' },
        ]),
      ).errors,
    ).toEqual([
      { field: 'reminders[0]', message: 'must be between 0 and 1' },
      { field: 'targets.decision.hours', message: 'must be positive' },
    ]));

  it('names the one field of an error without problems, with its message', () =>
    expect(toProblem(new InvalidTimestamp('heldAt')).errors).toEqual([
      { field: 'heldAt', message: new InvalidTimestamp('heldAt').message },
    ]));
});
