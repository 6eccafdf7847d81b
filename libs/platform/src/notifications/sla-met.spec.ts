import type { EventStore, NewEvent, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import {
  type ApplicationEvent,
  DEFAULT_SLA_POLICY,
  EVENT_SCHEMA_VERSIONS,
  SLA_POLICY_STREAM_ID,
  decideSlaPolicy,
} from '@app/hiring';
import {
  ALICE,
  APPLICATION_ID,
  BOB,
  JOB_ID,
  held,
  mon,
  moved,
  scheduled,
  scorecard,
  submitted,
  thu,
  tue,
  wed,
} from '@app/hiring/testing/application-fixtures';
import { slaMetSource } from './sla-met';

/** Just enough of a log for the source: streams read back with global positions. */
class MemoryLog implements Pick<EventStore, 'readStream'> {
  readonly events: RecordedEvent[] = [];
  readonly reads: string[] = [];

  append(streamId: string, event: { type: string; data: object }): RecordedEvent {
    const recorded: RecordedEvent = {
      streamId,
      revision: this.events.filter((e) => e.streamId === streamId).length,
      position: this.events.length + 1,
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type as keyof typeof EVENT_SCHEMA_VERSIONS] ?? 1,
      data: { ...event.data } as NewEvent['data'],
      metadata: {},
      recordedAt: new Date(),
    };
    this.events.push(recorded);
    return recorded;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.reads.push(streamId);
    const stream = this.events.filter((e) => e.streamId === streamId).slice(options.fromRevision ?? 0);
    return stream.slice(0, options.maxCount ?? stream.length);
  }
}

const STREAM = `application-${APPLICATION_ID}`;

describe('which obligations an event met (sla.met)', () => {
  let log: MemoryLog;
  const source = () => slaMetSource(log, DEFAULT_SLA_POLICY);
  const record = (...events: ApplicationEvent[]) => events.map((event) => log.append(STREAM, event)).at(-1)!;
  const changePolicy = (policy: object, now = mon('08:00')) => {
    const [event] = decideSlaPolicy({ type: 'ChangeSlaPolicy', data: { policy }, actor: 'admin-ada', now }, []);
    log.append(SLA_POLICY_STREAM_ID, event);
  };

  beforeEach(() => {
    log = new MemoryLog();
  });

  it('reports the decision a move answered in time as met on time', async () => {
    record(submitted(mon('09:00')));
    const move = record(moved('applied', 'recruiter_screen', tue('09:00')));

    expect(await source()(move)).toEqual([
      {
        applicationId: APPLICATION_ID,
        jobId: JOB_ID,
        obligationId: 'decision:0',
        kind: 'decision',
        stage: 'applied',
        dueAt: '2026-11-25T09:00:00.000Z',
        satisfiedAt: '2026-11-24T09:00:00.000Z',
        onTime: true,
      },
    ]);
  });

  it('reports a decision answered after its due date as met late', async () => {
    record(submitted(mon('09:00')));
    const move = record(moved('applied', 'recruiter_screen', thu('10:00')));

    expect(await source()(move)).toEqual([expect.objectContaining({ kind: 'decision', onTime: false })]);
  });

  it('names the interviewer whose scorecard was met, and only theirs', async () => {
    record(
      submitted(),
      moved('applied', 'recruiter_screen'),
      scheduled('call', 'recruiter_call', [ALICE, BOB]),
      held('call', mon('10:00')),
    );
    const card = record(scorecard('call', BOB, tue('09:00')));

    expect(await source()(card)).toEqual([
      expect.objectContaining({
        obligationId: `scorecard:call:${BOB}`,
        kind: 'scorecard',
        stage: 'recruiter_screen',
        interviewerId: BOB,
        dueAt: '2026-11-25T10:00:00.000Z',
        onTime: true,
      }),
    ]);
  });

  it('finds nothing met by an event that only starts obligations, without reading the policy', async () => {
    record(submitted(), moved('applied', 'recruiter_screen'), scheduled('call', 'recruiter_call', [ALICE]));
    const holding = record(held('call', mon('10:00')));

    expect(await source()(holding)).toEqual([]);
    expect(log.reads).toEqual([STREAM]);
  });

  it('finds nothing for a submission or for events outside an application', async () => {
    const submission = record(submitted());
    const job = log.append(`job-${JOB_ID}`, { type: 'JobClosed', data: { closedAt: mon('09:00'), by: 'r' } });

    expect(await source()(submission)).toEqual([]);
    expect(await source()(job)).toEqual([]);
  });

  it('judges by the policy version recorded before the event', async () => {
    changePolicy({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { decision: { hours: 12 } } });
    record(submitted(mon('09:00')));
    const move = record(moved('applied', 'recruiter_screen', tue('09:00')));

    expect(await source()(move)).toEqual([
      expect.objectContaining({ dueAt: '2026-11-23T21:00:00.000Z', onTime: false }),
    ]);
  });

  it('ignores a policy version recorded after the event', async () => {
    record(submitted(mon('09:00')));
    const move = record(moved('applied', 'recruiter_screen', tue('09:00')));
    changePolicy({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { decision: { hours: 12 } } }, wed('09:00'));

    expect(await source()(move)).toEqual([expect.objectContaining({ onTime: true })]);
  });

  it('reports a scheduling obligation only under a policy that has scheduling on', async () => {
    const events = [submitted(mon('09:00')), moved('applied', 'recruiter_screen', mon('09:30'))];
    record(...events);
    const booking = record(scheduled('call', 'recruiter_call', [ALICE], mon('11:00')));
    expect(await source()(booking)).toEqual([]);

    log = new MemoryLog();
    changePolicy({ effectiveFrom: '2026-11-01T00:00:00Z', targets: { scheduling: { hours: 24 } } });
    record(...events);
    const sameBooking = record(scheduled('call', 'recruiter_call', [ALICE], mon('11:00')));
    expect(await source()(sameBooking)).toEqual([
      expect.objectContaining({ kind: 'scheduling', stage: 'recruiter_screen', onTime: true }),
    ]);
  });
});
