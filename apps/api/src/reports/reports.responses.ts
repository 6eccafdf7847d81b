import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, STAGES } from '@app/hiring';
import { StatusTotalsDto } from '../dashboards/dto/read-responses';

const Hours = (description: string) => ApiProperty({ type: Number, nullable: true, description });

export class TimeInStageRowDto {
  @ApiProperty({ enum: STAGES })
  stage!: string;

  @ApiProperty({ type: 'integer', description: 'Visits of the stage that ended in the window.' })
  visits!: number;

  @Hours('Median hours in the stage; null when no visit ended.')
  medianHours!: number | null;

  @Hours('90th percentile, hours.')
  p90Hours!: number | null;

  @Hours('Mean, hours.')
  meanHours!: number | null;

  @ApiProperty({ type: 'integer', description: 'Visits still open at `to`.' })
  stillIn!: number;
}

export class TimeInStageResponseDto {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ type: [TimeInStageRowDto] })
  stages!: TimeInStageRowDto[];
}

export class FunnelStageDto {
  @ApiProperty({ enum: STAGES })
  stage!: string;

  @ApiProperty({ type: 'integer', description: 'Applications that were ever in this stage or a later one.' })
  reached!: number;

  @ApiProperty({ type: Number, nullable: true, description: '`reached` over the previous stage’s; null for applied.' })
  conversion!: number | null;
}

export class FunnelRejectionDto {
  @ApiProperty({ enum: STAGES, description: 'The stage rejected from.' })
  stage!: string;

  @ApiProperty()
  reasonCode!: string;

  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class FunnelResponseDto {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ type: [FunnelStageDto] })
  stages!: FunnelStageDto[];

  @ApiProperty({ type: StatusTotalsDto, description: `Applications by status: ${APPLICATION_STATUSES.join(', ')}.` })
  outcomes!: StatusTotalsDto;

  @ApiProperty({ type: [FunnelRejectionDto] })
  rejections!: FunnelRejectionDto[];
}
