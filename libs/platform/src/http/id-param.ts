import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from './problem';

/** A path id that is not a UUID names nothing that exists: 404, like any unknown id. */
export const IdParam = (name: string, label: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => ProblemException.of(404, 'not-found', 'Not Found', `No ${label} has this id.`),
    }),
  );
