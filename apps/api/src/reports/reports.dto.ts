import { ApiPropertyOptional } from '@nestjs/swagger';
import { ConsistentReadDto, OneOf, OptionalInstant, OptionalJobId } from '@app/platform';
import { REPORT_CLOCKS, type ReportClock } from '@app/projections';

/** A window of time: `to` defaults to now, `from` to 30 days before `to`. */
export class ReportWindowDto extends ConsistentReadDto {
  @OptionalInstant('Start of the window (inclusive); default 30 days before `to`.')
  from?: string;

  @OptionalInstant('End of the window (exclusive); default now.')
  to?: string;

  @OptionalJobId()
  jobId?: string;
}

export class TimeInStageDto extends ReportWindowDto {
  @ApiPropertyOptional({ description: 'calendar counts every hour; business only the SLA policy’s working hours.' })
  @OneOf(REPORT_CLOCKS, { optional: true })
  clock?: ReportClock;
}

export class FunnelDto extends ReportWindowDto {}
