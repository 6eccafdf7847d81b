import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** SPEC §4 limits. */
export const LIMITS = { name: 200, note: 10_000, code: 100, email: 254, userId: 200 } as const;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A non-empty string of at most `max` characters, optional or required. */
export const Text = (max: number, options: { optional?: boolean; example?: string } = {}) =>
  applyDecorators(
    options.optional
      ? ApiPropertyOptional({ maxLength: max, example: options.example })
      : ApiProperty({ maxLength: max, example: options.example }),
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );

/** An ISO 8601 date and time with an offset; the domain checks that it is a real instant. */
export const Instant = () =>
  applyDecorators(
    ApiProperty({ example: '2026-11-24T10:00:00Z', format: 'date-time' }),
    IsString(),
    Matches(INSTANT, {
      message: '$property must be an ISO 8601 date and time with an offset, e.g. 2026-11-24T10:00:00Z',
    }),
  );

export const OneOf = (values: readonly string[], options: { optional?: boolean } = {}) =>
  applyDecorators(
    options.optional ? ApiPropertyOptional({ enum: values }) : ApiProperty({ enum: values }),
    ...(options.optional ? [IsOptional()] : []),
    IsIn(values, { message: `$property must be one of: ${values.join(', ')}` }),
  );
