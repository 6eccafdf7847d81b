import { ApiProperty } from '@nestjs/swagger';
import { SUMMARY_GROUPS, type SummaryGrouping } from '@app/projections';
import { IsObject } from 'class-validator';
import { OneOf, OptionalInstant, OptionalJobId } from '@app/platform';

/** The example of SPEC §7, for the API documentation. */
export const POLICY_EXAMPLE = {
  effectiveFrom: '2026-12-01T00:00:00Z',
  targets: {
    decision: { hours: 48, byStage: { references: 72 } },
    scorecard: { hours: 24 },
    scheduling: { hours: 48 },
  },
  calendar: {
    type: 'business',
    timeZone: 'Europe/Belgrade',
    workingHours: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [
        ['09:00', '13:00'],
        ['14:00', '17:00'],
      ],
    },
    holidays: ['2027-01-01', '2027-01-07'],
  },
  reminders: [0.5, 0.75],
};

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
