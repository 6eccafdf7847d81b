import { ApiPropertyOptional } from '@nestjs/swagger';
import { OBLIGATION_KINDS, type ObligationKind, STAGES, type Stage } from '@app/hiring';
import { PIPELINE_CARDS, SLA_LIST_PAGE, SUMMARY_GROUPS, type SummaryGrouping } from '@app/projections';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ConsistentReadDto, LIMITS, OneOf, OptionalInstant, OptionalInteger, OptionalJobId, Text } from '@app/platform';

/*
 * Query strings of the dashboard reads (SPEC §4). Numbers arrive as text and are converted before
 * validation; instants are checked here for shape and by the domain for being real instants.
 */

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

/** The SLA lists come in pages (SPEC §4 additions). */
export class SlaListDto extends ObligationFilterDto {
  @OptionalInteger(1, SLA_LIST_PAGE.max, `Page size, default ${SLA_LIST_PAGE.default}.`)
  limit?: number;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page. Pages are judged at the first page’s `asOf`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export class BreachesDto extends SlaListDto {}

export class AtRiskDto extends SlaListDto {
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
