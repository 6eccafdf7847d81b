import { ApiProperty } from '@nestjs/swagger';
import { INBOX_STATUSES } from '@app/projections';
import { InstantField, NullableInstantField, NullableString } from '@app/platform';
import { ObligationItemDto } from '../applications/queries/obligation-view.responses';

/* GET /me/obligations for the OpenAPI document. */

export class MyObligationDto extends ObligationItemDto {
  @ApiProperty({ format: 'uuid' })
  applicationId!: string;

  @ApiProperty({ example: 'decision:0', description: 'The obligation’s id on GET /applications/:id.' })
  obligationId!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @NullableString('Null once erased.')
  candidateName!: string | null;

  @ApiProperty({ description: 'Hours from `asOf` until it is due, to two decimals: negative once breached.' })
  dueInHours!: number;

  @NullableInstantField('When it was met (only with status=all).')
  satisfiedAt!: string | null;

  @NullableInstantField('When it stopped being owed (only with status=all).')
  cancelledAt!: string | null;

  @ApiProperty({
    type: [String],
    description: 'Who owes it; the caller is one of them unless it was escalated to them.',
  })
  owners!: string[];
}

export class MyObligationsResponseDto {
  @InstantField('The instant the obligations are judged at.')
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
