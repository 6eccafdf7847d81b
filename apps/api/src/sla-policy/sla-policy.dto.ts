import { ApiProperty } from '@nestjs/swagger';
import { SUMMARY_GROUPS, type SummaryGrouping } from '@app/projections';
import { IsObject } from 'class-validator';
import { SPEC_POLICY_EXAMPLE } from '@app/hiring';
import { OneOf, OptionalInstant, OptionalJobId } from '@app/platform';

/** The example of SPEC §7, for the API documentation. */
export const POLICY_EXAMPLE = SPEC_POLICY_EXAMPLE;

/** POST /sla/policy/preview. The policy itself is checked by the domain, field by field, not here. */
export class PreviewSlaPolicyDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: POLICY_EXAMPLE,
    description: 'A policy as PUT /sla/policy takes it; applied to all of history, so its effectiveFrom plays no part.',
  })
  @IsObject()
  policy!: Record<string, unknown>;

  @OptionalInstant('Start of the window (obligations due at or after it); default 30 days before `to`.')
  from?: string;

  @OptionalInstant('End of the window (obligations due before it); default now.')
  to?: string;

  @OneOf(SUMMARY_GROUPS, { optional: true })
  groupBy?: SummaryGrouping;

  @OptionalJobId()
  jobId?: string;
}
