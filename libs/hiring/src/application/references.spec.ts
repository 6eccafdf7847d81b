import { ApplicationNotActive, NotInReferencesStage, ReferenceAlreadyRecorded } from '../errors';
import { NOW, RECRUITER, advancedTo, given, rejected, submitted } from '../testing/application-fixtures';

const recordReference = {
  type: 'RecordReference',
  data: {
    referenceId: 'reference-1',
    refereeName: 'Marta Novak',
    relationship: 'former manager',
    outcome: 'positive',
    notes: 'Would hire again.',
  },
} as const;

describe('recording references', () => {
  it('records a reference while the application is in references', () =>
    given(submitted(), ...advancedTo('references'))
      .when(recordReference)
      .then([
        {
          type: 'ReferenceRecorded',
          data: { ...recordReference.data, recordedAt: NOW, by: RECRUITER },
        },
      ]));

  it('never records the same reference twice, as when a request is retried after a crash', () =>
    given(submitted(), ...advancedTo('references'), {
      type: 'ReferenceRecorded',
      data: { ...recordReference.data, recordedAt: NOW, by: RECRUITER },
    })
      .when(recordReference)
      .thenThrows(ReferenceAlreadyRecorded));

  it('shows the reference on the application', () => {
    const state = given(submitted(), ...advancedTo('references'))
      .when(recordReference)
      .thenState();
    expect(state).toMatchObject({
      references: [
        {
          id: 'reference-1',
          refereeName: 'Marta Novak',
          relationship: 'former manager',
          outcome: 'positive',
          notes: 'Would hire again.',
          recordedAt: NOW,
          by: RECRUITER,
        },
      ],
    });
  });

  it('refuses a reference before the application reaches references', () =>
    given(submitted(), ...advancedTo('cto'))
      .when(recordReference)
      .thenThrows(NotInReferencesStage));

  it('refuses a reference once the application has moved on to offer', () =>
    given(submitted(), ...advancedTo('offer'))
      .when(recordReference)
      .thenThrows(NotInReferencesStage));

  it('refuses a reference for a candidate rejected in references', () =>
    given(submitted(), ...advancedTo('references'), rejected('references'))
      .when(recordReference)
      .thenThrows(ApplicationNotActive));
});
