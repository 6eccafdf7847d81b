import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

/*
 * The OpenAPI side of the HTTP conventions, for every feature's routes: the problem+json schemas
 * every error shares, a decorator that declares which problems a route can answer, and the body
 * every write answers.
 */

@ApiSchema({ name: 'FieldError' })
export class FieldErrorDto {
  @ApiProperty({ example: 'candidate.email', description: 'Path of the field at fault; empty when none is.' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

@ApiSchema({
  name: 'Problem',
  description:
    'RFC 9457 problem details. Some problems add fields, e.g. `existingApplicationId` (409 duplicate-active-application), `currentVersion` (412).',
})
export class ProblemDto {
  @ApiProperty({
    example: '/problems/application-not-found',
    description: '`/problems/<code>`; README lists the codes.',
  })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 404 })
  status!: number;

  @ApiProperty({ example: 'No application has this id.' })
  detail!: string;
}

@ApiSchema({ name: 'ValidationProblem', description: 'A 400: the problem, with every field at fault.' })
export class ValidationProblemDto extends ProblemDto {
  @ApiProperty({ type: [FieldErrorDto] })
  errors!: FieldErrorDto[];
}

/** Why a route answers each status; routes only say which statuses they can answer. */
const MEANING: Record<number, string> = {
  400: 'The request is not valid: malformed JSON, unknown or misspelt fields, values out of range.',
  401: 'No bearer token, or one that is invalid or expired.',
  403: 'The caller’s role may not do this.',
  404: 'Nothing has this id.',
  409: 'A rule of the pipeline forbids it now, or the record kept changing; nothing was changed.',
  412: 'The record has moved on from the version in If-Match.',
  413: 'The body is larger than 256 kB.',
  415: 'The body is not application/json.',
  422: 'The Idempotency-Key was used with another request.',
  503: 'The read models have not reached ?minPosition within 5 seconds.',
};

/**
 * Declares the problems a route can answer, each as application/problem+json: `@ApiProblems(400,
 * 401, 403, 404, 409, 412, 422)`. A 400 carries `errors`.
 */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto, ValidationProblemDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status] ?? 'A problem.',
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(status === 400 ? ValidationProblemDto : ProblemDto) },
          },
        },
      }),
    ),
  );

/** SPEC §4: every successful write answers at least this. */
@ApiSchema({ name: 'WriteResult' })
export class WriteResultDto {
  @ApiProperty({ format: 'uuid', description: 'The record written: an application or a job.' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'The stream’s new revision, for If-Match.', example: 3 })
  version!: number;

  @ApiProperty({ type: 'integer', description: 'Global position of its last event, for ?minPosition.', example: 1042 })
  position!: number;
}

export const NullableString = (description?: string, format?: string) =>
  ApiProperty({ type: String, nullable: true, description, format });
export const OptionalString = (description?: string) => ApiPropertyOptional({ type: String, description });

/** An instant in an answer (ISO 8601, UTC). */
export const InstantField = (description?: string) => ApiProperty({ format: 'date-time', description });
export const NullableInstantField = (description?: string) => NullableString(description, 'date-time');
