import { mon, tue, wed } from '../testing/application-fixtures';
import { hoursOverdue, isAtRisk, isBreached, isOpen, outcome } from './classification';
import type { Obligation } from './obligations';

/** Started Monday 10:00, due Wednesday 10:00. */
const owed = (settled: Partial<Pick<Obligation, 'satisfiedAt' | 'cancelledAt'>> = {}): Obligation => ({
  id: 'decision:1',
  kind: 'decision',
  stage: 'technical',
  startedAt: mon('10:00'),
  dueAt: wed('10:00'),
  targetHours: 48,
  policyVersion: 1,
  ...settled,
});

describe('an obligation', () => {
  describe('is breached', () => {
    it('once it is past due and still open', () => expect(isBreached(owed(), wed('10:01'))).toBe(true));

    it('not at the very moment it falls due', () => expect(isBreached(owed(), wed('10:00'))).toBe(false));

    it('not when it was satisfied before that moment, even late', () =>
      expect(isBreached(owed({ satisfiedAt: wed('12:00') }), wed('13:00'))).toBe(false));

    it('not when it was satisfied at that very moment', () =>
      expect(isBreached(owed({ satisfiedAt: wed('12:00') }), wed('12:00'))).toBe(false));

    it('still, when looking back at a moment before it was satisfied', () =>
      expect(isBreached(owed({ satisfiedAt: wed('12:00') }), wed('11:00'))).toBe(true));

    it('not when it was cancelled before that moment', () =>
      expect(isBreached(owed({ cancelledAt: wed('11:00') }), wed('12:00'))).toBe(false));

    it('by a future moment if nobody acts', () => expect(isBreached(owed(), '2026-12-01T00:00:00.000Z')).toBe(true));
  });

  describe('is at risk', () => {
    it('when open and due within the window', () => expect(isAtRisk(owed(), tue('12:00'), 24)).toBe(true));

    it('when due exactly at the end of the window', () => expect(isAtRisk(owed(), tue('10:00'), 24)).toBe(true));

    it('when due at this very moment', () => expect(isAtRisk(owed(), wed('10:00'), 24)).toBe(true));

    it('not when due after the window', () => expect(isAtRisk(owed(), tue('09:59'), 24)).toBe(false));

    it('not once it is breached', () => expect(isAtRisk(owed(), wed('10:01'), 24)).toBe(false));

    it('not once it is satisfied', () =>
      expect(isAtRisk(owed({ satisfiedAt: tue('11:00') }), tue('12:00'), 24)).toBe(false));

    it('not once it is cancelled', () =>
      expect(isAtRisk(owed({ cancelledAt: tue('11:00') }), tue('12:00'), 24)).toBe(false));

    it('not before it started', () => expect(isAtRisk(owed(), mon('09:00'), 72)).toBe(false));
  });

  describe('is open', () => {
    it('from the moment it starts', () => expect(isOpen(owed(), mon('10:00'))).toBe(true));

    it('not before it starts', () => expect(isOpen(owed(), mon('09:59'))).toBe(false));

    it('not from the moment it is satisfied', () =>
      expect(isOpen(owed({ satisfiedAt: tue('09:00') }), tue('09:00'))).toBe(false));
  });

  describe('counts as', () => {
    it('met on time when satisfied before it was due', () =>
      expect(outcome(owed({ satisfiedAt: tue('09:00') }), wed('12:00'))).toBe('met_on_time'));

    it('met on time when satisfied at the moment it was due', () =>
      expect(outcome(owed({ satisfiedAt: wed('10:00') }), wed('12:00'))).toBe('met_on_time'));

    it('met late when satisfied after it was due', () =>
      expect(outcome(owed({ satisfiedAt: wed('10:01') }), wed('12:00'))).toBe('met_late'));

    it('breached and open when past due and not satisfied', () =>
      expect(outcome(owed(), wed('12:00'))).toBe('breached_open'));

    it('pending while not yet due', () => expect(outcome(owed(), tue('12:00'))).toBe('pending'));

    it('pending at an earlier moment, whatever happened later', () =>
      expect(outcome(owed({ satisfiedAt: wed('12:00') }), tue('12:00'))).toBe('pending'));

    it('cancelled when the candidate withdrew first', () =>
      expect(outcome(owed({ cancelledAt: tue('09:00') }), wed('12:00'))).toBe('cancelled'));
  });

  it('is this many hours overdue', () => expect(hoursOverdue(owed(), wed('13:30'))).toBe(3.5));
});
