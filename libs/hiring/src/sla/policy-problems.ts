import { canonicalInstant } from '../shared/instant';
import { isStage } from '../stages';
import { calendarProblems } from './calendar';
import { OBLIGATION_KINDS, type ObligationKind, TARGET_STAGES } from './policy';

/** One thing wrong with a field of a request, for the `errors` list of a 400 answer. */
export type FieldProblem = { field: string; message: string };

/**
 * Bounds that keep a policy meaningful and cheap to apply: a target beyond a year of hours is a typo,
 * and counting it across a business calendar would walk thousands of days for every obligation.
 */
export const SLA_POLICY_LIMITS = { maxTargetHours: 8_760, maxReminders: 10 } as const;

const POLICY_FIELDS = ['effectiveFrom', 'targets', 'calendar', 'reminders'];
const TARGET_FIELDS = ['hours', 'byStage'];

/**
 * Every problem of a policy document (SPEC §7), with the field at fault, e.g.
 * `targets.decision.byStage.onsite` or `reminders[2]`. Empty when the document is valid.
 */
export function policyProblems(input: unknown): FieldProblem[] {
  if (!isRecord(input)) return [{ field: '', message: 'must be an object' }];
  return [
    ...unknownFields(input, POLICY_FIELDS, '', 'is not a field of an SLA policy'),
    ...effectiveFromProblems(input.effectiveFrom),
    ...targetsProblems(input.targets),
    ...policyCalendarProblems(input.calendar),
    ...reminderProblems(input.reminders),
  ];
}

function effectiveFromProblems(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  const problem = [
    { field: 'effectiveFrom', message: 'must be a date and time with an offset, e.g. 2026-12-01T00:00:00Z' },
  ];
  if (typeof value !== 'string') return problem;
  try {
    canonicalInstant(value, 'effectiveFrom');
    return [];
  } catch {
    return problem;
  }
}

function targetsProblems(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (!isRecord(value)) return [{ field: 'targets', message: 'must be an object' }];
  return [
    ...unknownFields(
      value,
      OBLIGATION_KINDS,
      'targets',
      'is not a kind of obligation (decision, scorecard, scheduling)',
    ),
    ...OBLIGATION_KINDS.flatMap((kind) => kindProblems(kind, value[kind])),
  ];
}

function kindProblems(kind: ObligationKind, value: unknown): FieldProblem[] {
  const field = `targets.${kind}`;
  if (value === undefined) return [];
  if (!isRecord(value)) return [{ field, message: 'must be an object' }];
  // Only scheduling can be switched off: decisions and scorecards are the promise itself.
  const mayBeOff = kind === 'scheduling';
  const problems = unknownFields(value, TARGET_FIELDS, field, 'is not a field of a target (hours, byStage)');
  if (value.hours !== undefined) problems.push(...hoursProblems(value.hours, `${field}.hours`, mayBeOff));
  if (value.byStage === undefined) return problems;
  if (!isRecord(value.byStage)) return [...problems, { field: `${field}.byStage`, message: 'must be an object' }];
  for (const [stage, hours] of Object.entries(value.byStage)) {
    const at = `${field}.byStage.${stage}`;
    if (!isStage(stage)) problems.push({ field: at, message: 'is not a stage of the hiring pipeline' });
    else if (!TARGET_STAGES[kind].includes(stage)) problems.push({ field: at, message: `has no ${kind} obligations` });
    else problems.push(...hoursProblems(hours, at, mayBeOff));
  }
  return problems;
}

function hoursProblems(value: unknown, field: string, mayBeOff: boolean): FieldProblem[] {
  if (value === null && mayBeOff) return [];
  const { maxTargetHours } = SLA_POLICY_LIMITS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > maxTargetHours) {
    const off = mayBeOff ? ', or null for none' : '';
    return [{ field, message: `must be a positive number of hours, at most ${maxTargetHours}${off}` }];
  }
  return [];
}

function policyCalendarProblems(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (!isRecord(value)) return [{ field: 'calendar', message: 'must be an object' }];
  // An omitted type takes its default like every other field; the calendar checks the rest.
  return calendarProblems(value.type === undefined ? { ...value, type: 'calendar' } : value, 'calendar');
}

function reminderProblems(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  const { maxReminders } = SLA_POLICY_LIMITS;
  if (!Array.isArray(value)) return [{ field: 'reminders', message: 'must be a list of fractions of the target' }];
  if (value.length > maxReminders) return [{ field: 'reminders', message: `must have at most ${maxReminders} points` }];
  const problems: FieldProblem[] = [];
  value.forEach((fraction: unknown, index) => {
    const field = `reminders[${index}]`;
    if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction <= 0 || fraction >= 1) {
      problems.push({ field, message: 'must be a fraction of the target between 0 and 1, exclusive' });
      return;
    }
    const earlier = value.findIndex((other) => other === fraction);
    if (earlier < index) problems.push({ field, message: `repeats reminders[${earlier}]` });
    else if (index > 0 && typeof value[index - 1] === 'number' && fraction < value[index - 1]) {
      problems.push({ field, message: `must be greater than reminders[${index - 1}]: points are listed in order` });
    }
  });
  return problems;
}

function unknownFields(value: Record<string, unknown>, known: readonly string[], path: string, message: string) {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: path ? `${path}.${key}` : key, message }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
