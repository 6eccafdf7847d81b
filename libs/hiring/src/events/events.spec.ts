import type { ApplicationEvent } from '../application/application.events';
import {
  ALICE,
  cancelled,
  candidateUpdated,
  erased,
  heldTechnicalInterview,
  noShow,
  offerAccepted,
  offerDeclined,
  offerExtended,
  referenceRecorded,
  rejected,
  scheduled,
  scorecard,
  unrejected,
  withdrawn,
} from '../testing/application-fixtures';
import { isApplicationEventType, parseApplicationEvent, parseJobEvent } from './parse';
import { EVENT_SCHEMA_VERSIONS, EventSchemaError, createUpcast, upcast } from './schema-versions';

/** One event of every application type, as a writer would store it today. */
const everyApplicationEvent: ApplicationEvent[] = [
  ...heldTechnicalInterview(),
  scheduled('coding', 'live_coding'),
  noShow('coding'),
  scheduled('coding-2', 'live_coding'),
  cancelled('coding-2', undefined, 'Interviewer ill'),
  scorecard('design', ALICE),
  rejected('technical'),
  unrejected('technical'),
  referenceRecorded(),
  candidateUpdated(),
  offerExtended(),
  offerDeclined(),
  offerAccepted(),
  withdrawn('offer'),
  erased(),
];

const stored = (event: { type: string; data: object }) => ({
  type: event.type,
  schemaVersion: 1,
  data: JSON.parse(JSON.stringify(event.data)) as unknown,
});

describe('event schema versions', () => {
  it('are 1 for every event type today, but 2 for a job opened with its hiring team', () =>
    expect(Object.entries(EVENT_SCHEMA_VERSIONS).filter(([, version]) => version !== 1)).toEqual([['JobOpened', 2]]));

  it('are stamped on every application event type (and this spec reads back one of each)', () =>
    expect(Object.keys(EVENT_SCHEMA_VERSIONS).filter(isApplicationEventType).sort()).toEqual(
      [...new Set(everyApplicationEvent.map((event) => event.type))].sort(),
    ));

  it('leave a current payload as it is', () => {
    const data = { from: 'applied', to: 'cto', reason: 'x', changedAt: '2026-11-23T09:00:00.000Z', by: ALICE };
    expect(upcast('StageChanged', 1, data)).toBe(data);
  });

  it('refuse a version newer than this code knows', () =>
    expect(() => upcast('StageChanged', 2, {})).toThrow(EventSchemaError));

  it('refuse an event type this code does not know', () =>
    expect(() => upcast('CandidateTeleported', 1, {})).toThrow(EventSchemaError));

  it('bring an old payload up to date one version at a time', () => {
    const upcastV3 = createUpcast(
      { StageChanged: 3 },
      {
        StageChanged: {
          1: (data) => ({ ...data, reason: data.reason ?? null }),
          2: (data) => ({ ...data, changedBy: data.by }),
        },
      },
    );
    expect(upcastV3('StageChanged', 1, { by: ALICE })).toEqual({ by: ALICE, reason: null, changedBy: ALICE });
  });

  it('refuse an old payload no upcaster can bring up to date', () =>
    expect(() => createUpcast({ StageChanged: 2 }, {})('StageChanged', 1, {})).toThrow(EventSchemaError));
});

describe('reading stored events', () => {
  it.each(everyApplicationEvent.map((event) => [event.type, event] as const))(
    'reads back a stored %s as written',
    (_, event) => expect(parseApplicationEvent(stored(event))).toEqual(event),
  );

  it('refuses an application event with a missing field', () => {
    const { data } = stored(rejected('technical'));
    delete (data as Record<string, unknown>).reasonCode;
    expect(() => parseApplicationEvent({ type: 'ApplicationRejected', schemaVersion: 1, data })).toThrow(
      EventSchemaError,
    );
  });

  it('refuses an application event with a stage that is not in the pipeline', () =>
    expect(() =>
      parseApplicationEvent({
        ...stored(rejected('technical')),
        data: { ...rejected('technical').data, stage: 'onsite' },
      }),
    ).toThrow(EventSchemaError));

  it('refuses an event without a payload', () =>
    expect(() => parseApplicationEvent({ type: 'CandidateDataErased', schemaVersion: 1, data: null })).toThrow(
      EventSchemaError,
    ));

  it('refuses a job event where an application event is expected', () =>
    expect(() => parseApplicationEvent({ type: 'JobClosed', schemaVersion: 1, data: {} })).toThrow(EventSchemaError));

  it('reads back a stored job event', () => {
    const opened = {
      type: 'JobOpened',
      data: {
        jobId: 'job-1',
        title: 'Backend Engineer',
        department: null,
        openedAt: '2026-11-23T09:00:00.000Z',
        by: ALICE,
        recruiterIds: ['recruiter-rita'],
        hiringManagerIds: [],
      },
    };
    expect(parseJobEvent({ ...stored(opened), schemaVersion: 2 })).toEqual(opened);
  });

  it('refuses an application event where a job event is expected', () =>
    expect(() => parseJobEvent(stored(erased()))).toThrow(EventSchemaError));
});
