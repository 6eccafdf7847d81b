import type { WorkingHours } from './calendar-types';
import type { SlaPolicyDocument } from './policy';

/** Belgrade office hours: Monday–Thursday 9–17, Friday with an hour's lunch break (SPEC §7's example). */
export const BELGRADE_WORKING_HOURS: WorkingHours = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [
    ['09:00', '13:00'],
    ['14:00', '17:00'],
  ],
};

/** The example policy of SPEC §7, verbatim: the API documentation's example and the specs' fixture. */
export const SPEC_POLICY_EXAMPLE: SlaPolicyDocument = {
  effectiveFrom: '2026-12-01T00:00:00Z',
  targets: {
    decision: { hours: 48, byStage: { references: 72 } },
    scorecard: { hours: 24 },
    scheduling: { hours: 48 },
  },
  calendar: {
    type: 'business',
    timeZone: 'Europe/Belgrade',
    workingHours: BELGRADE_WORKING_HOURS,
    holidays: ['2027-01-01', '2027-01-07'],
  },
  reminders: [0.5, 0.75],
};
