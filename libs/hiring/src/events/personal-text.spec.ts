import type { ApplicationEvent } from '../application/application.events';
import { PERSONAL_TEXT_FIELDS } from './schema-versions';
import { withoutPersonalText, withoutPersonalTextIn } from './personal-text';
import {
  ALICE,
  BOB,
  cancelled,
  candidateUpdated,
  held,
  history,
  mon,
  moved,
  rejected,
  scheduled,
  scorecard,
  submitted,
  tue,
  unrejected,
  withdrawn,
} from '../testing/application-fixtures';

const MARK = 'Quartermaine';

/** Every event type that carries personal text, with every such field filled. */
const events: ApplicationEvent[] = [
  submitted(),
  moved('applied', 'references', mon('09:10'), `${MARK} was referred`),
  {
    type: 'ReferenceRecorded',
    data: {
      referenceId: 'reference-1',
      refereeName: `Ada ${MARK}`,
      relationship: `${MARK}'s manager`,
      outcome: 'positive',
      notes: `${MARK} shines`,
      recordedAt: mon('09:20'),
      by: 'recruiter-rita',
    },
  },
  candidateUpdated('update-1', mon('09:25'), `Told ${MARK} we decide by Friday`),
  moved('references', 'technical', mon('09:30'), `${MARK} needs a design round`),
  scheduled('first', 'system_design', [ALICE]),
  cancelled('first', mon('09:50'), `${MARK} was ill`),
  scheduled('design', 'system_design', [ALICE, BOB], mon('09:55')),
  held('design', mon('10:00')),
  scorecard('design', ALICE, mon('15:00'), `${MARK} reasons clearly`),
  rejected('technical', tue('09:00'), `${MARK} asked too much`),
  unrejected('technical', tue('10:00')),
  withdrawn('technical', tue('11:00'), `${MARK} took another offer`),
];

describe('personal text, for readers that must not keep it', () => {
  it('is exemplified here for every field the domain lists', () => {
    const filled = Object.entries(PERSONAL_TEXT_FIELDS).flatMap(([type, fields]) =>
      (fields ?? []).map((field) => {
        const event = events.find((e) => e.type === type);
        return [`${type}.${field}`, String((event?.data as Record<string, unknown> | undefined)?.[field])];
      }),
    );
    expect(filled.filter(([, text]) => !text.includes(MARK))).toEqual([]);
  });

  it('is gone from a history folded without it, and nothing else is', () => {
    const folded = history(...events);
    const blind = history(...events.map(withoutPersonalText));
    expect(JSON.stringify(folded)).toContain(MARK);
    expect(JSON.stringify(blind)).not.toContain(MARK);
    expect(blind).toEqual(withoutPersonalTextIn(folded));
  });

  it('is dropped from a state the way erasure drops it, without marking it erased', () => {
    const state = withoutPersonalTextIn(history(...events));
    expect(JSON.stringify(state)).not.toContain(MARK);
    expect(state).toMatchObject({ erased: false, status: 'withdrawn', withdrawal: { reason: null } });
  });

  it('leaves an event without personal text as it is', () => {
    const event = held('design');
    expect(withoutPersonalText(event)).toBe(event);
  });
});
