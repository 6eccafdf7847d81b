import {
  ALICE,
  NOW,
  advancedTo,
  erased,
  given,
  heldTechnicalInterview,
  moved,
  referenceRecorded,
  rejected,
  scorecard,
  submitted,
  withdrawn,
} from '../testing/application-fixtures';

const erase = { type: 'EraseCandidateData', data: {}, actor: 'admin-ada' } as const;

describe('erasing candidate data', () => {
  it('records the erasure', () =>
    given(submitted())
      .when(erase)
      .then([{ type: 'CandidateDataErased', data: { erasedAt: NOW, by: 'admin-ada' } }]));

  it('does nothing when the data was already erased', () => given(submitted(), erased()).when(erase).then([]));

  it('marks the application as erased', () => {
    const state = given(submitted()).when(erase).thenState();
    expect(state).toMatchObject({ erased: true });
  });

  it('drops the notes of every scorecard', () => {
    const state = given(...heldTechnicalInterview(), scorecard('design', ALICE))
      .when(erase)
      .thenState();
    expect(state).toMatchObject({ interviews: [{ scorecards: [{ interviewerId: ALICE, rating: 3, notes: null }] }] });
  });

  it('drops the referee’s name, relationship and notes but keeps the outcome', () => {
    const state = given(submitted(), ...advancedTo('references'), referenceRecorded())
      .when(erase)
      .thenState();
    expect(state).toMatchObject({
      references: [{ id: 'reference-1', refereeName: null, relationship: null, notes: null, outcome: 'positive' }],
    });
  });

  it('drops the note of a rejection but keeps its reason code', () => {
    const state = given(submitted(), rejected('applied', undefined, 'Told us about a health issue'))
      .when(erase)
      .thenState();
    expect(state).toMatchObject({ rejection: { reasonCode: 'skills_gap', note: null } });
  });

  it('drops the reason a candidate gave for withdrawing', () => {
    const state = given(submitted(), withdrawn('applied', undefined, 'Family reasons'))
      .when(erase)
      .thenState();
    expect(state).toMatchObject({ withdrawal: { reason: null } });
  });

  it('drops the reasons given for moves', () => {
    const state = given(submitted(), moved('applied', 'technical', undefined, 'Referred by a former colleague'))
      .when(erase)
      .thenState();
    expect(state).toMatchObject({ visits: [{ reason: null }, { stage: 'technical', reason: null }] });
  });

  it('keeps dropping free text that arrives after the erasure', () => {
    const { state } = given(...heldTechnicalInterview(), erased(), scorecard('design', ALICE));
    expect(state).toMatchObject({ interviews: [{ scorecards: [{ interviewerId: ALICE, notes: null }] }] });
  });

  it('leaves no free text anywhere in the state', () => {
    const { state } = given(
      ...heldTechnicalInterview(),
      scorecard('design', ALICE, undefined, 'SECRET'),
      moved('technical', 'references', undefined, 'SECRET'),
      referenceRecorded(),
      rejected('references', undefined, 'SECRET'),
      erased(),
    );
    const json = JSON.stringify(state);
    expect(json).not.toContain('SECRET');
    expect(json).not.toContain('Marta Novak');
  });
});
