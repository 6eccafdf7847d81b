import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBLIGATION_KINDS, STAGES } from '@app/hiring';
import { SUMMARY_GROUPS } from '@app/projections';
import { InstantField, NullableString } from '@app/platform';

/* The bodies of the dashboard reads and the projections' admin routes, for the OpenAPI document. */

export class PipelineCardDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @NullableString('Null once erased.')
  candidateName!: string | null;

  @InstantField('When this stay in the stage began.')
  enteredAt!: string;
}

export class PipelineStageDto {
  @ApiProperty({ enum: STAGES })
  stage!: string;

  @ApiProperty({ type: 'integer', description: 'Every application in the stage, however many are listed.' })
  count!: number;

  @ApiProperty({ type: [PipelineCardDto], description: 'At most `perStage`, longest waiting first.' })
  applications!: PipelineCardDto[];
}

export class StatusTotalsDto {
  @ApiProperty({ type: 'integer' })
  active!: number;

  @ApiProperty({ type: 'integer' })
  hired!: number;

  @ApiProperty({ type: 'integer' })
  rejected!: number;

  @ApiProperty({ type: 'integer' })
  withdrawn!: number;
}

export class PipelineResponseDto {
  @InstantField()
  asOf!: string;

  @ApiProperty({ type: [PipelineStageDto] })
  stages!: PipelineStageDto[];

  @ApiProperty({ type: StatusTotalsDto })
  totals!: StatusTotalsDto;
}

class SlaItemDto {
  @ApiProperty({ format: 'uuid' })
  applicationId!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @NullableString('Null once erased.')
  candidateName!: string | null;

  @ApiProperty({ enum: STAGES })
  stage!: string;

  @ApiProperty({ enum: OBLIGATION_KINDS })
  kind!: string;

  @ApiPropertyOptional({ description: 'Scorecards only: who owes it.' })
  interviewerId?: string;

  @InstantField()
  startedAt!: string;

  @InstantField()
  dueAt!: string;

  @ApiProperty({
    type: [String],
    description:
      'Who owes it: a scorecard’s interviewer; otherwise the job’s recruiters, or its hiring managers when it has none.',
  })
  owners!: string[];

  @ApiProperty({ description: 'Its breach was escalated to the owners and the job’s hiring team.' })
  escalated!: boolean;
}

export class BreachItemDto extends SlaItemDto {
  @ApiProperty({ description: 'Hours past due at `asOf`, to two decimals.' })
  overdueHours!: number;
}

export class AtRiskItemDto extends SlaItemDto {
  @ApiProperty({ description: 'Hours until due at `asOf`, to two decimals.' })
  dueInHours!: number;
}

class SlaPageDto {
  @InstantField('The instant the list is judged at: every page of a list has the first page’s.')
  asOf!: string;

  @ApiProperty({ type: 'integer', description: 'Every matching item, on every page.' })
  total!: number;

  @NullableString('Pass as `cursor` for the next page; null on the last.')
  nextCursor!: string | null;
}

export class BreachesResponseDto extends SlaPageDto {
  @ApiProperty({ type: [BreachItemDto], description: 'Most overdue first.' })
  items!: BreachItemDto[];
}

export class AtRiskResponseDto extends SlaPageDto {
  @ApiProperty()
  withinHours!: number;

  @ApiProperty({ type: [AtRiskItemDto], description: 'Soonest due first.' })
  items!: AtRiskItemDto[];
}

export class SummaryGroupDto {
  @NullableString('A stage, an interviewer id (null: decisions, which no interviewer owes) or a job id.')
  key!: string | null;

  @ApiProperty({ type: 'integer' })
  due!: number;

  @ApiProperty({ type: 'integer' })
  metOnTime!: number;

  @ApiProperty({ type: 'integer' })
  metLate!: number;

  @ApiProperty({ type: 'integer' })
  breachedOpen!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'metOnTime / due; null when nothing counted.' })
  complianceRate!: number | null;
}

export class SummaryResponseDto {
  @InstantField()
  from!: string;

  @InstantField()
  to!: string;

  @ApiProperty({ enum: SUMMARY_GROUPS })
  groupBy!: string;

  @InstantField('The instant open obligations were judged at: the time of the request.')
  asOf!: string;

  @ApiProperty({ type: [SummaryGroupDto] })
  groups!: SummaryGroupDto[];
}

export class RebuildReportDto {
  @ApiProperty({ type: 'integer' })
  events!: number;

  @ApiProperty({ type: 'integer', description: 'The checkpoint the rebuilt tables went live with.' })
  position!: number;

  @ApiProperty({ type: 'integer' })
  durationMs!: number;

  @ApiProperty()
  eventsPerSecond!: number;
}

export class RebuildStatusDto {
  @ApiProperty({ enum: ['idle', 'running', 'done', 'failed'] })
  status!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;

  @ApiPropertyOptional({ type: RebuildReportDto, description: 'When done.' })
  report?: RebuildReportDto;

  @ApiPropertyOptional({ description: 'When failed.' })
  error?: string;
}

export class RebuildStartedDto extends RebuildStatusDto {
  @ApiProperty({ example: 'hiring' })
  projection!: string;
}

export class ProjectionsStatusDto {
  @ApiProperty({ example: 'hiring' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Global position of the last event applied.' })
  position!: number;

  @ApiProperty({ type: 'integer', description: 'The newest position in the log.' })
  head!: number;

  @ApiProperty({ type: 'integer' })
  behind!: number;

  @ApiProperty()
  secondsBehind!: number;

  @ApiProperty({ enum: ['stopped', 'standby', 'running', 'retrying', 'elsewhere'] })
  state!: string;

  @NullableString()
  lastError!: string | null;

  @ApiProperty({ type: RebuildStatusDto })
  rebuild!: RebuildStatusDto;
}
