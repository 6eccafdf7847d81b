import { applyDecorators, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems, WriteResultDto } from '@app/platform';

/**
 * A command on an existing application, as the OpenAPI document shows it: its success body, and
 * every problem such a command can meet (a rule of SPEC §2 is 409, If-Match 412, a reused
 * Idempotency-Key 422).
 */
export const ApplicationWrite = (status: 200 | 201, type: Type<WriteResultDto> = WriteResultDto) =>
  applyDecorators(
    status === 201 ? ApiCreatedResponse({ type }) : ApiOkResponse({ type }),
    ApiProblems(400, 401, 403, 404, 409, 412, 413, 415, 422),
  );
