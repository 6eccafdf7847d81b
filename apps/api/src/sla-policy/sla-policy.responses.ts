import { ApiProperty } from '@nestjs/swagger';
import { WEEKDAYS } from '@app/hiring';

const HOURS_BY_STAGE = { type: 'object', additionalProperties: { type: 'number', nullable: true } } as const;

export class KindTargetsDto {
  @ApiProperty({ example: 48 })
  hours!: number;

  @ApiProperty({ ...HOURS_BY_STAGE, description: 'Hours for particular stages, overriding `hours`.' })
  byStage!: Record<string, number>;
}

export class SchedulingTargetsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Null: the scheduling kind is off.' })
  hours!: number | null;

  @ApiProperty({ ...HOURS_BY_STAGE })
  byStage!: Record<string, number | null>;
}

export class TargetsDto {
  @ApiProperty({ type: KindTargetsDto })
  decision!: KindTargetsDto;

  @ApiProperty({ type: KindTargetsDto })
  scorecard!: KindTargetsDto;

  @ApiProperty({ type: SchedulingTargetsDto })
  scheduling!: SchedulingTargetsDto;
}

export class PolicyCalendarDto {
  @ApiProperty({ enum: ['calendar', 'business'] })
  type!: string;

  @ApiProperty({ example: 'Europe/Belgrade' })
  timeZone!: string;

  @ApiProperty({
    type: 'object',
    description: `Intervals ["HH:MM", "HH:MM"] per weekday (${WEEKDAYS.join(', ')}); a missing weekday is not worked.`,
    additionalProperties: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
  })
  workingHours!: Record<string, [string, string][]>;

  @ApiProperty({ type: [String], example: ['2027-01-01'] })
  holidays!: string[];
}

export class PolicyVersionDto {
  @ApiProperty({ type: 'integer', example: 2 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  effectiveFrom!: string;

  @ApiProperty({ type: TargetsDto })
  targets!: TargetsDto;

  @ApiProperty({ type: PolicyCalendarDto })
  calendar!: PolicyCalendarDto;

  @ApiProperty({ type: [Number], example: [0.5, 0.75], description: 'Fractions of each target.' })
  reminders!: number[];

  @ApiProperty({ format: 'date-time' })
  changedAt!: string;

  @ApiProperty()
  changedBy!: string;

  @ApiProperty({ description: 'True once the dashboards judge by this version.' })
  applied!: boolean;
}

export class PolicyChangedDto extends PolicyVersionDto {
  @ApiProperty({ type: 'integer', description: 'Global position of the change, for ?minPosition.' })
  position!: number;
}

export class PolicyHistoryDto {
  @ApiProperty({ type: [PolicyVersionDto], description: 'Every version, oldest first.' })
  items!: PolicyVersionDto[];
}
