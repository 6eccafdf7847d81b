import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsPositive,
  IsUUID,
  IsISO8601,
  Matches,
  Max,
  MaxLength,
  Min,
  IsObject,
  ValidateNested,
  IsString,
  IsNotEmpty,
  IsOptional,
} from 'class-validator';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  CANDIDATE_UPDATE_CHANNELS,
  INTERVIEW_KINDS,
  RECOMMENDATIONS,
  REFERENCE_OUTCOMES,
  STAGES,
  type Stage,
} from '@app/hiring';
import { APPLICATIONS_PAGE } from '@app/projections';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ConsistentReadDto, Instant, LIMITS, OneOf, OptionalInteger, OptionalJobId, Text } from '@app/platform';

export class CandidateDto {
  @Text(LIMITS.name, { example: 'Ada Lovelace' })
  name!: string;

  @ApiProperty({ maxLength: LIMITS.email, example: 'ada@example.com' })
  @IsString()
  @MaxLength(LIMITS.email)
  @IsEmail()
  email!: string;

  @Text(50, { optional: true, example: '+381 11 123 4567' })
  phone?: string;
}

export class SubmitApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobId!: string;

  @ApiProperty({ type: CandidateDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CandidateDto)
  candidate!: CandidateDto;

  @Text(LIMITS.code, { optional: true, example: 'referral' })
  source?: string;
}

export class ScheduleInterviewDto {
  @OneOf(INTERVIEW_KINDS)
  kind!: string;

  @ApiProperty({ type: [String], example: ['u-ana', 'u-marko'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(LIMITS.userId, { each: true })
  interviewerIds!: string[];

  @Instant()
  scheduledAt!: string;

  @ApiProperty({ minimum: 5, maximum: 480, example: 60 })
  @IsInt()
  @Min(5)
  @Max(480)
  durationMinutes!: number;
}

export class MarkHeldDto {
  @Instant()
  heldAt!: string;
}

export class CancelInterviewDto {
  @Text(LIMITS.note, { optional: true })
  reason?: string;
}

export class ScorecardDto {
  @ApiProperty({ minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  rating!: number;

  @OneOf(RECOMMENDATIONS)
  recommendation!: (typeof RECOMMENDATIONS)[number];

  @Text(LIMITS.note, { optional: true })
  notes?: string;
}

export class MoveDto {
  @OneOf(STAGES)
  toStage!: string;

  @Text(LIMITS.note, { optional: true })
  reason?: string;
}

export class RejectDto {
  @Text(LIMITS.code, { example: 'skills_gap' })
  reasonCode!: string;

  @Text(LIMITS.note, { optional: true })
  note?: string;
}

export class WithdrawDto {
  @Text(LIMITS.note, { optional: true })
  reason?: string;
}

export class ReferenceDto {
  @Text(LIMITS.name)
  refereeName!: string;

  @Text(LIMITS.name, { example: 'former manager' })
  relationship!: string;

  @OneOf(REFERENCE_OUTCOMES)
  outcome!: (typeof REFERENCE_OUTCOMES)[number];

  @Text(LIMITS.note, { optional: true })
  notes?: string;
}

export class OfferDto {
  @ApiProperty({ example: 95000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(1e12)
  salary!: number;

  @ApiProperty({ example: 'EUR' })
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({ example: '2027-01-15', format: 'date' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a real calendar date' })
  startDate!: string;
}

export class ListApplicationsDto extends ConsistentReadDto {
  @OptionalJobId()
  jobId?: string;

  @OneOf(STAGES, { optional: true })
  stage?: Stage;

  @OneOf(APPLICATION_STATUSES, { optional: true })
  status?: ApplicationStatus;

  @OptionalInteger(1, APPLICATIONS_PAGE.max, `Page size, default ${APPLICATIONS_PAGE.default}.`)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class CandidateUpdateDto {
  @OneOf(CANDIDATE_UPDATE_CHANNELS)
  channel!: (typeof CANDIDATE_UPDATE_CHANNELS)[number];

  /** What the candidate was told; personal text, sealed like notes and gone after erasure. */
  @Text(LIMITS.note, { optional: true, example: 'Told her we decide by Friday.' })
  summary?: string;
}
