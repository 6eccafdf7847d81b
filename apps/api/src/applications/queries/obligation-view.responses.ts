import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBLIGATION_KINDS, STAGES } from '@app/hiring';
import { InstantField, NullableInstantField } from '@app/platform';

/* The obligations of GET /applications/:id for the OpenAPI document, and what SPEC §6 adds to them. */

/** A reminder recorded about an obligation; GET /me/obligations shows the same. */
export class ReminderViewDto {
  @ApiProperty({
    description: 'The point of the target it was sent at, from the SLA policy’s `reminders`.',
    example: 0.5,
  })
  fraction!: number;

  @InstantField('When it was recorded.')
  at!: string;

  @ApiProperty({ type: [String], description: 'Who it went to: the owners at the time.' })
  recipients!: string[];
}

/** What every obligation item says of itself, wherever it is listed. */
export class ObligationItemDto {
  @ApiProperty({ enum: OBLIGATION_KINDS })
  kind!: string;
  @ApiProperty({ enum: STAGES })
  stage!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Scorecards only.' })
  interviewId?: string;
  @ApiPropertyOptional({ description: 'Scorecards only: who owes it.' })
  interviewerId?: string;
  @InstantField()
  startedAt!: string;
  @InstantField()
  dueAt!: string;
  @ApiProperty({ description: 'It fell due unmet and the breach was escalated.' })
  escalated!: boolean;
  @NullableInstantField('When the escalation was recorded.')
  escalatedAt!: string | null;
  @ApiProperty({ type: [ReminderViewDto], description: 'Reminders recorded so far, oldest first.' })
  reminders!: ReminderViewDto[];
}

export class ObligationViewDto extends ObligationItemDto {
  @ApiProperty({ example: 'decision:0' })
  id!: string;

  @NullableInstantField()
  satisfiedAt!: string | null;

  @NullableInstantField()
  cancelledAt!: string | null;

  @ApiProperty({ description: 'The target it is judged by, in counted hours of its policy’s calendar.', example: 48 })
  targetHours!: number;

  @ApiProperty({ type: 'integer', description: 'The SLA policy version in force at `startedAt`, which judges it.' })
  policyVersion!: number;

  @ApiProperty({
    type: [String],
    description:
      'Who owes it: a scorecard’s interviewer; for a decision or a scheduling, the job’s recruiters, or its hiring managers when it has none.',
  })
  owners!: string[];
}
