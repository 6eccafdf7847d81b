import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES,
  CANDIDATE_UPDATE_CHANNELS,
  INTERVIEW_KINDS,
  INTERVIEW_STAGES,
  INTERVIEW_STATUSES,
  OFFER_STATUSES,
  RECOMMENDATIONS,
  REFERENCE_OUTCOMES,
  STAGES,
} from '@app/hiring';
import { InstantField, NullableInstantField, NullableString } from '@app/platform';
import { ObligationViewDto } from './obligation-view.responses';

/* GET /applications/:id for the OpenAPI document: every field, as applicationView builds it. */

export class CandidateViewDto {
  @NullableString('Null once erased.')
  name!: string | null;

  @NullableString('Null once erased.')
  email!: string | null;

  @NullableString('Null when not given, or once erased.')
  phone!: string | null;
}

export class ScorecardViewDto {
  @ApiProperty()
  interviewerId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  rating!: number;

  @ApiProperty({ enum: RECOMMENDATIONS })
  recommendation!: string;

  @NullableString('Null when not given, or once erased.')
  notes!: string | null;

  @InstantField()
  submittedAt!: string;
}

export class InterviewViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: INTERVIEW_STAGES })
  stage!: string;

  @ApiProperty({ enum: INTERVIEW_KINDS })
  kind!: string;

  @ApiProperty({ type: [String] })
  interviewerIds!: string[];

  @InstantField()
  scheduledAt!: string;

  @ApiProperty({ type: 'integer' })
  durationMinutes!: number;

  @ApiProperty({ enum: INTERVIEW_STATUSES })
  status!: string;

  @NullableInstantField('When it was held; null unless held.')
  heldAt!: string | null;

  @ApiProperty({
    type: [ScorecardViewDto],
    description: 'An interviewer sees the others’ only once their own is in (blind feedback).',
  })
  scorecards!: ScorecardViewDto[];
}

export class CandidateUpdateViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: CANDIDATE_UPDATE_CHANNELS })
  channel!: string;

  @NullableString('What the candidate was told; null once erased.')
  summary!: string | null;

  @InstantField()
  at!: string;

  @ApiProperty({ description: 'Who told them.' })
  by!: string;
}

export class ReferenceViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @NullableString('Null once erased.')
  refereeName!: string | null;

  @NullableString('Null once erased.')
  relationship!: string | null;

  @ApiProperty({ enum: REFERENCE_OUTCOMES })
  outcome!: string;

  @NullableString()
  notes!: string | null;

  @InstantField()
  recordedAt!: string;

  @ApiProperty({ description: 'Who recorded it.' })
  by!: string;
}

export class OfferViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  salary!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'date' })
  startDate!: string;

  @InstantField()
  extendedAt!: string;

  @ApiProperty()
  by!: string;

  @ApiProperty({ enum: OFFER_STATUSES })
  status!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it was accepted, declined or rescinded.' })
  settledAt?: string;
}

export class RejectionViewDto {
  @ApiProperty()
  reasonCode!: string;

  @NullableString()
  note!: string | null;

  @InstantField()
  rejectedAt!: string;

  @ApiProperty()
  by!: string;
}

export class WithdrawalViewDto {
  @NullableString()
  reason!: string | null;

  @InstantField()
  withdrawnAt!: string;

  @ApiProperty()
  by!: string;
}

export class StageVisitDto {
  @ApiProperty({ enum: STAGES })
  stage!: string;

  @InstantField()
  enteredAt!: string;

  @NullableInstantField()
  leftAt!: string | null;

  @NullableString('Why it was moved here, when someone said.')
  reason!: string | null;

  @ApiProperty()
  by!: string;
}

export class ApplicationViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @ApiProperty({ enum: APPLICATION_STATUSES })
  status!: string;

  @ApiProperty({ enum: STAGES })
  stage!: string;

  @InstantField()
  stageEnteredAt!: string;

  @InstantField()
  submittedAt!: string;

  @NullableString()
  source!: string | null;

  @ApiProperty({ type: 'integer', description: 'The stream’s revision, for If-Match.' })
  version!: number;

  @ApiProperty({ type: CandidateViewDto })
  candidate!: CandidateViewDto;

  @ApiProperty({ description: 'The candidate’s personal data and free text were erased.' })
  erased!: boolean;

  @ApiProperty({ type: [InterviewViewDto] })
  interviews!: InterviewViewDto[];

  @ApiProperty({ type: [ReferenceViewDto] })
  references!: ReferenceViewDto[];

  @ApiProperty({ type: [CandidateUpdateViewDto], description: 'Each time the candidate was told where they stand.' })
  candidateUpdates!: CandidateUpdateViewDto[];

  @ApiProperty({ type: OfferViewDto, nullable: true, description: 'The latest offer.' })
  offer!: OfferViewDto | null;

  @ApiProperty({ type: RejectionViewDto, nullable: true })
  rejection!: RejectionViewDto | null;

  @ApiProperty({ type: WithdrawalViewDto, nullable: true })
  withdrawal!: WithdrawalViewDto | null;

  @NullableInstantField()
  hiredAt!: string | null;

  @ApiProperty({ type: [StageVisitDto], description: 'Every stay in a stage, oldest first.' })
  stageHistory!: StageVisitDto[];

  @ApiProperty({ type: [ObligationViewDto] })
  obligations!: ObligationViewDto[];
}
