import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { JOB_TEAM_LIMITS } from '@app/hiring';
import { ConsistentReadDto } from '@app/platform';

/**
 * User ids of one role of the hiring team. Only their shape is checked here: how many people a
 * role may have is the domain's rule, counted after duplicates collapse.
 */
const TeamMembers = (options: { optional: boolean; description: string }) =>
  applyDecorators(
    (options.optional ? ApiPropertyOptional : ApiProperty)({
      type: [String],
      description: `${options.description} At most ${JOB_TEAM_LIMITS.membersPerRole} distinct user ids, each 1–${JOB_TEAM_LIMITS.userIdLength} characters.`,
      example: ['u-ana'],
      ...(options.optional ? { default: [] } : {}),
    }),
    ...(options.optional ? [IsOptional()] : []),
    IsArray(),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(JOB_TEAM_LIMITS.userIdLength, { each: true }),
  );

export class OpenJobDto {
  @ApiProperty({ maxLength: 200, example: 'Senior Backend Engineer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Engineering' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string;

  @TeamMembers({ optional: true, description: 'Recruiters, who own the decisions owed to candidates.' })
  recruiterIds?: string[];

  @TeamMembers({ optional: true, description: 'Hiring managers, who own decisions when there is no recruiter.' })
  hiringManagerIds?: string[];
}

/** PUT replaces the whole team: both lists are required, and may be empty. */
export class JobTeamDto {
  @TeamMembers({ optional: false, description: 'Recruiters, who own the decisions owed to candidates.' })
  recruiterIds!: string[];

  @TeamMembers({ optional: false, description: 'Hiring managers, who own decisions when there is no recruiter.' })
  hiringManagerIds!: string[];
}

export class JobsDto extends ConsistentReadDto {}
