import type { SlaPolicyDocument } from '../sla/policy';

/** The example of SPEC §7, verbatim. */
export const specExample: SlaPolicyDocument = {
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
