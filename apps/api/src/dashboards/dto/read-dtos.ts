import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  OBLIGATION_KINDS,
  type ObligationKind,
  STAGES,
  type Stage,
} from '@app/hiring';
import { APPLICATIONS_PAGE, PIPELINE_CARDS, SUMMARY_GROUPS, type SummaryGrouping } from '@app/projections';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Instant, LIMITS, OneOf, Text } from '../../http/validators';

/*
 * Query strings of the dashboard reads (SPEC §4). Numbers arrive as text and are converted before
 * validation; instants are checked here for shape and by the domain for being real instants.
 */

const OptionalInstant = (description: string) =>
  applyDecorators(
    Instant(),
    IsOptional(),
    ApiPropertyOptional({ format: 'date-time', example: '2026-11-24T10:00:00Z', description }),
  );

const OptionalInteger = (min: number, max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, description }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

const OptionalJobId = () => applyDecorators(ApiPropertyOptional({ format: 'uuid' }), IsOptional(), IsUUID());

/** Every projection read takes ?minPosition: wait (up to 5 s) until the read models reflect it. */
export class ConsistentReadDto {
  @OptionalInteger(
    0,
    Number.MAX_SAFE_INTEGER,
    'Wait until the read models reflect this global position (a write’s `position`).',
  )
  minPosition?: number;
}

export class ListApplicationsDto extends ConsistentReadDto {
  @OptionalJobId()
  jobId?: string;

  @OneOf(STAGES, { optional: true })
  stage?: Stage;

  @OneOf(APPLICATION_STATUSES, { optional: true })
  status?: ApplicationStatus;

  @OptionalInteger(1, APPLICATIONS_PAGE.max, `Page size, default ${APPLICATIONS_PAGE.default}.`)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class JobsDto extends ConsistentReadDto {}

export class PipelineDto extends ConsistentReadDto {
  @OptionalJobId()
  jobId?: string;

  @OptionalInstant('The board as it stood at this instant; default now.')
  asOf?: string;

  @OptionalInteger(
    1,
    PIPELINE_CARDS.max,
    `Applications listed per stage, longest waiting first (count is always complete); default ${PIPELINE_CARDS.default}.`,
  )
  perStage?: number;
}

export class ObligationFilterDto extends ConsistentReadDto {
  @OptionalInstant('Judge obligations at this instant, past or future; default now.')
  asOf?: string;

  @OptionalJobId()
  jobId?: string;

  @OneOf(STAGES, { optional: true })
  stage?: Stage;

  @OneOf(OBLIGATION_KINDS, { optional: true })
  kind?: ObligationKind;

  @Text(LIMITS.userId, { optional: true })
  interviewerId?: string;
}

export class BreachesDto extends ObligationFilterDto {}

export class AtRiskDto extends ObligationFilterDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 8760, description: 'Look this many hours ahead; default 24.' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(8760)
  withinHours?: number;
}

export class SummaryDto extends ConsistentReadDto {
  @OptionalInstant('Start of the window (obligations due at or after it); default 30 days before `to`.')
  from?: string;

  @OptionalInstant('End of the window (obligations due before it); default now.')
  to?: string;

  @OneOf(SUMMARY_GROUPS, { optional: true })
  groupBy?: SummaryGrouping;

  @OptionalJobId()
  jobId?: string;
}
