import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Instant } from './validators';

/*
 * Query strings of the projection reads (SPEC §4). Numbers arrive as text and are converted before
 * validation; instants are checked here for shape and by the domain for being real instants.
 */

export const OptionalInstant = (description: string) =>
  applyDecorators(
    Instant(),
    IsOptional(),
    ApiPropertyOptional({ format: 'date-time', example: '2026-11-24T10:00:00Z', description }),
  );

export const OptionalInteger = (min: number, max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, description }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

export const OptionalJobId = () => applyDecorators(ApiPropertyOptional({ format: 'uuid' }), IsOptional(), IsUUID());

/** Every projection read takes ?minPosition: wait (up to 5 s) until the read models reflect it. */
export class ConsistentReadDto {
  @OptionalInteger(
    0,
    Number.MAX_SAFE_INTEGER,
    'Wait until the read models reflect this global position (a write’s `position`).',
  )
  minPosition?: number;
}
