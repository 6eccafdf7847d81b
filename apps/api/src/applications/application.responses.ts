import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATUSES, STAGES } from '@app/hiring';
import { InstantField, NullableString, WriteResultDto } from '@app/platform';

/* What the applications routes answer besides the application itself, for the OpenAPI document. */

export class HistoryEntryDto {
  @ApiProperty({ example: 'StageChanged' })
  type!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ type: 'integer' })
  position!: number;

  @InstantField()
  recordedAt!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event’s payload; erased text reads null, blind scorecards only name who submitted.',
  })
  data!: Record<string, unknown>;
}

export class ApplicationListItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @NullableString('Null once erased.')
  candidateName!: string | null;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status!: string;

  @ApiProperty({ enum: STAGES })
  stage!: string;

  @InstantField()
  stageEnteredAt!: string;

  @InstantField()
  submittedAt!: string;

  @ApiProperty({ type: [String] })
  interviewerIds!: string[];

  @ApiProperty({ type: 'integer' })
  version!: number;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationListItemDto] })
  items!: ApplicationListItemDto[];

  @NullableString('Pass as `cursor` for the next page; null on the last.')
  nextCursor!: string | null;
}

export class InterviewScheduledDto extends WriteResultDto {
  @ApiProperty({ format: 'uuid' })
  interviewId!: string;
}

export class ReferenceRecordedDto extends WriteResultDto {
  @ApiProperty({ format: 'uuid' })
  referenceId!: string;
}

export class OfferExtendedDto extends WriteResultDto {
  @ApiProperty({ format: 'uuid' })
  offerId!: string;
}

export class CandidateUpdateRecordedDto extends WriteResultDto {
  @ApiProperty({ format: 'uuid' })
  updateId!: string;
}
