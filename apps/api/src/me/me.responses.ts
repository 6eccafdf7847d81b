import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBLIGATION_KINDS, STAGES } from '@app/hiring';
import { INBOX_STATUSES } from '@app/projections';
import { NullableString } from '@app/platform';
import { ReminderViewDto } from '../applications/queries/obligation-view.responses';

/* GET /me/obligations for the OpenAPI document. */

const Instant = (description?: string) => ApiProperty({ format: 'date-time', description });
const NullableInstant = (description?: string) => NullableString(description, 'date-time');

export class MyObligationDto {
  @ApiProperty({ format: 'uuid' })
  applicationId!: string;

  @ApiProperty({ example: 'decision:0', description: 'The obligation’s id on GET /applications/:id.' })
  obligationId!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @NullableString('Null once erased.')
  candidateName!: string | null;

  @ApiProperty({ enum: STAGES })
  stage!: string;

  @ApiProperty({ enum: OBLIGATION_KINDS })
  kind!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Scorecards only.' })
  interviewId?: string;

  @ApiPropertyOptional({ description: 'Scorecards only: who owes it.' })
  interviewerId?: string;

  @Instant()
  startedAt!: string;

  @Instant()
  dueAt!: string;

  @ApiProperty({ description: 'Hours from `asOf` until it is due, to two decimals: negative once breached.' })
  dueInHours!: number;

  @NullableInstant('When it was met (only with status=all).')
  satisfiedAt!: string | null;

  @NullableInstant('When it stopped being owed (only with status=all).')
  cancelledAt!: string | null;

  @ApiProperty({
    type: [String],
    description: 'Who owes it; the caller is one of them unless it was escalated to them.',
  })
  owners!: string[];

  @ApiProperty({ description: 'It fell due unmet and the breach was escalated.' })
  escalated!: boolean;

  @NullableInstant('When the escalation was recorded.')
  escalatedAt!: string | null;

  @ApiProperty({ type: [ReminderViewDto], description: 'Reminders recorded so far, oldest first.' })
  reminders!: ReminderViewDto[];
}

export class MyObligationsResponseDto {
  @Instant('The instant the obligations are judged at.')
  asOf!: string;

  @ApiProperty({ enum: INBOX_STATUSES })
  status!: string;

  @ApiProperty({ type: 'integer', description: 'Every matching item, of which the first `limit` are listed.' })
  total!: number;

  @ApiProperty({
    type: [MyObligationDto],
    description: 'Open at `asOf` first, most urgent first; then (status=all) those met or cancelled, latest due first.',
  })
  items!: MyObligationDto[];
}
