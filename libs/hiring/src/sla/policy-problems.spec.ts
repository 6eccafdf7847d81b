import { specExample } from '../testing/policy-fixtures';
import { policyProblems } from './policy-problems';

const fieldsAtFault = (input: unknown) => policyProblems(input).map((problem) => problem.field);

describe('checking an SLA policy document', () => {
  it('accepts the example of SPEC §7', () => expect(policyProblems(specExample)).toEqual([]));

  it('accepts an empty document: every field has a default', () => expect(policyProblems({})).toEqual([]));

  it.each([
    ['a field SPEC does not define', { version: 3 }, 'version'],
    ['a prototype key', JSON.parse('{"__proto__": {}}'), '__proto__'],
    ['a kind of obligation that does not exist', { targets: { interview: { hours: 4 } } }, 'targets.interview'],
    [
      'a stage that is not in the pipeline',
      { targets: { decision: { byStage: { onsite: 24 } } } },
      'targets.decision.byStage.onsite',
    ],
    [
      'a stage where the kind never arises',
      { targets: { scorecard: { byStage: { applied: 24 } } } },
      'targets.scorecard.byStage.applied',
    ],
    [
      'a decision target in offer, where the candidate decides',
      { targets: { decision: { byStage: { offer: 24 } } } },
      'targets.decision.byStage.offer',
    ],
    ['zero hours', { targets: { decision: { hours: 0 } } }, 'targets.decision.hours'],
    [
      'negative hours in one stage',
      { targets: { decision: { byStage: { references: -1 } } } },
      'targets.decision.byStage.references',
    ],
    [
      'hours that are not a finite number',
      { targets: { scorecard: { hours: Number.POSITIVE_INFINITY } } },
      'targets.scorecard.hours',
    ],
    ['hours given as text', { targets: { scorecard: { hours: '24' } } }, 'targets.scorecard.hours'],
    ['decisions switched off', { targets: { decision: { hours: null } } }, 'targets.decision.hours'],
    ['an unknown field of a target', { targets: { decision: { hours: 24, minutes: 30 } } }, 'targets.decision.minutes'],
    ['an effectiveFrom without an offset', { effectiveFrom: '2026-12-01T00:00:00' }, 'effectiveFrom'],
    ['an effectiveFrom that is no date', { effectiveFrom: '2026-02-30T00:00:00Z' }, 'effectiveFrom'],
    [
      'a zone that does not exist',
      { calendar: { type: 'business', timeZone: 'Europe/Atlantis' } },
      'calendar.timeZone',
    ],
    ['an unknown calendar type', { calendar: { type: 'lunar' } }, 'calendar.type'],
    [
      'a malformed working time',
      { calendar: { type: 'business', workingHours: { mon: [['09:00', '25:00']] } } },
      'calendar.workingHours.mon[0][1]',
    ],
    [
      'overlapping working hours',
      {
        calendar: {
          type: 'business',
          workingHours: {
            fri: [
              ['09:00', '13:00'],
              ['12:00', '17:00'],
            ],
          },
        },
      },
      'calendar.workingHours.fri[1]',
    ],
    [
      'a holiday that is not a date',
      { calendar: { type: 'business', holidays: ['2027-13-01'] } },
      'calendar.holidays[0]',
    ],
    ['a reminder at the due time itself', { reminders: [0.5, 1] }, 'reminders[1]'],
    ['a reminder at the start', { reminders: [0, 0.5] }, 'reminders[0]'],
    ['a reminder past the due time', { reminders: [1.5] }, 'reminders[0]'],
    ['reminders out of order', { reminders: [0.75, 0.5] }, 'reminders[1]'],
    ['a reminder listed twice', { reminders: [0.5, 0.75, 0.5] }, 'reminders[2]'],
    ['reminders that are not a list', { reminders: 0.5 }, 'reminders'],
  ])('names the field at fault for %s', (_, input, field) => expect(fieldsAtFault(input)).toEqual([field]));

  it('lists every problem of a document at once', () =>
    expect(fieldsAtFault({ targets: { decision: { hours: 0 } }, reminders: [2], colour: 'blue' })).toEqual([
      'colour',
      'targets.decision.hours',
      'reminders[0]',
    ]));

  it('lets scheduling be off everywhere, or in one stage only', () =>
    expect(policyProblems({ targets: { scheduling: { hours: 24, byStage: { cto: null } } } })).toEqual([]));

  it('refuses a document that is not an object', () => expect(fieldsAtFault([])).toEqual(['']));
});
