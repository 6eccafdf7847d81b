import { ApplicationNotActive, CandidateUpdateAlreadyRecorded, UnknownCandidateUpdateChannel } from '../errors';
import { PERSONAL_DATA_POLICY } from '../events/streams';
import {
  NOW,
  RECRUITER,
  advancedTo,
  application,
  candidateUpdated,
  erased,
  given,
  heldTechnicalInterview,
  mon,
  rejected,
  scheduled,
  submitted,
  tue,
  withdrawn,
} from '../testing/application-fixtures';

const tellByPhone = {
  type: 'RecordCandidateUpdate',
  data: { updateId: 'update-1', channel: 'phone', summary: 'Told them we decide by Friday.' },
} as const;

const decisionsOf = (...events: Parameters<typeof application>) =>
  application(...events).decisions.map(({ stage, startedAt, satisfiedAt }) => ({ stage, startedAt, satisfiedAt }));

describe('telling the candidate where they stand', () => {
  it('records what they were told, how, by whom and when', () =>
    given(submitted())
      .when(tellByPhone)
      .then([
        {
          type: 'CandidateUpdated',
          data: {
            updateId: 'update-1',
            channel: 'phone',
            summary: 'Told them we decide by Friday.',
            at: NOW,
            by: RECRUITER,
          },
        },
      ]));

  it('records an update without a summary', () =>
    given(submitted())
      .when({ type: 'RecordCandidateUpdate', data: { updateId: 'update-1', channel: 'in_person', summary: '  ' } })
      .then([
        {
          type: 'CandidateUpdated',
          data: { updateId: 'update-1', channel: 'in_person', summary: null, at: NOW, by: RECRUITER },
        },
      ]));

  it('lists the updates on the application', () =>
    expect(application(submitted(), candidateUpdated('update-1', tue('12:00'))).candidateUpdates).toEqual([
      { id: 'update-1', channel: 'phone', summary: 'Told them we decide by Friday.', at: tue('12:00'), by: RECRUITER },
    ]));

  it('never records the same update twice, as when a request is retried after a crash', () =>
    given(submitted(), candidateUpdated('update-1')).when(tellByPhone).thenThrows(CandidateUpdateAlreadyRecorded));

  it('refuses a channel we do not use', () =>
    given(submitted())
      .when({ type: 'RecordCandidateUpdate', data: { updateId: 'update-1', channel: 'fax', summary: null } })
      .thenThrows(UnknownCandidateUpdateChannel));

  it.each([
    ['rejected', rejected('applied')],
    ['withdrawn', withdrawn('applied')],
  ])('is refused once the candidate is %s', (_, ended) =>
    given(submitted(), ended).when(tellByPhone).thenThrows(ApplicationNotActive),
  );

  it('answers the decision the candidate waited for and owes the next one from the update', () =>
    expect(decisionsOf(submitted(mon('09:00')), candidateUpdated('update-1', tue('12:00')))).toEqual([
      { stage: 'applied', startedAt: mon('09:00'), satisfiedAt: tue('12:00') },
      { stage: 'applied', startedAt: tue('12:00'), satisfiedAt: null },
    ]));

  it('answers a decision owed after an interview, in the same stage', () =>
    expect(decisionsOf(...heldTechnicalInterview(mon('10:00')), candidateUpdated('update-1', tue('12:00')))).toEqual([
      { stage: 'applied', startedAt: mon('09:00'), satisfiedAt: mon('09:30') },
      { stage: 'technical', startedAt: mon('10:00'), satisfiedAt: tue('12:00') },
      { stage: 'technical', startedAt: tue('12:00'), satisfiedAt: null },
    ]));

  it('starts no decision where the candidate was not waiting on one', () =>
    expect(
      decisionsOf(
        submitted(),
        ...advancedTo('recruiter_screen'),
        scheduled('call', 'recruiter_call'),
        candidateUpdated('update-1', tue('12:00')),
      ),
    ).toEqual([{ stage: 'applied', startedAt: mon('09:00'), satisfiedAt: mon('09:30') }]));

  it('keeps the summary sealed in the event store like notes', () =>
    expect(PERSONAL_DATA_POLICY.personalFields('CandidateUpdated')).toEqual(['summary']));

  it('drops the summary once the candidate’s data is erased, but keeps the fact', () =>
    expect(application(submitted(), candidateUpdated(), erased()).candidateUpdates).toEqual([
      expect.objectContaining({ id: 'update-1', channel: 'phone', summary: null }),
    ]));

  it('drops the summary of an update recorded after erasure', () =>
    expect(application(submitted(), erased(), candidateUpdated()).candidateUpdates).toEqual([
      expect.objectContaining({ summary: null }),
    ]));
});
