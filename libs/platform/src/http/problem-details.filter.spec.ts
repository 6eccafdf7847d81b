import { FastifyAdapter } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';
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

describe('problem details of a body Fastify refused before any route', () => {
  // As they reach the filter: Fastify's error, wrapped by the adapter as Nest's error handler does.
  const reaching = (error: Error) => new FastifyAdapter().mapException(error);

  it('calls a body over the limit payload-too-large', () =>
    expect(toProblem(reaching(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()))).toEqual({
      type: '/problems/payload-too-large',
      title: 'Content Too Large',
      status: 413,
      detail: 'The request body is too large.',
    }));

  it('calls a body of a type no parser reads unsupported-media-type', () =>
    expect(toProblem(reaching(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE()))).toEqual({
      type: '/problems/unsupported-media-type',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'Send the request body as application/json.',
    }));
});
