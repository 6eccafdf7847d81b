import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { aggregateStream, EVENT_STORE, type EventStore, type LoadedAggregate, loadedFrom } from '@app/event-store';
import {
  type Application,
  applicationAggregate,
  type ApplicationState,
  ApplicationNotFound,
  jobAggregate,
  noticesAggregate,
  teamOf,
} from '@app/hiring';
import { type Actor, NotAllowedToRead, SlaPolicyTimeline } from '@app/platform';
import { CandidateStore } from '@app/candidates';
import { ApplicationJobs } from '../application-jobs';
import { applicationView, type ApplicationView } from './application-view';
import { blindEventData, blindInterviews } from './blind-feedback';

export class GetApplication extends Query<ApplicationView> {
  constructor(
    readonly applicationId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

export interface HistoryEntry {
  type: string;
  version: number;
  position: number;
  recordedAt: Date;
  data: Record<string, unknown>;
}

export class GetApplicationHistory extends Query<HistoryEntry[]> {
  constructor(
    readonly applicationId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Both reads fold the stream itself, so they reflect every write already answered. */
abstract class StreamReader {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore) {}

  protected async load(applicationId: string, actor: Actor) {
    return readable(await aggregateStream(this.store, applicationAggregate, applicationId), actor);
  }
}

function readable(loaded: LoadedAggregate<ApplicationState>, actor: Actor) {
  if (loaded.state.status === 'none') throw new ApplicationNotFound();
  authorise(loaded.state, actor);
  return { ...loaded, state: loaded.state };
}

@QueryHandler(GetApplication)
export class GetApplicationHandler extends StreamReader implements IQueryHandler<GetApplication> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly candidates: CandidateStore,
    private readonly policy: SlaPolicyTimeline,
    private readonly applicationJobs: ApplicationJobs,
  ) {
    super(store);
  }

  /**
   * Owners come from the job's stream and notices from their own: each stream is read after the
   * request arrived, so every write already answered shows, whichever of the three it went to. The
   * reads are asked for together, the job's too once this process knows which job it is, so they
   * reach the database as one statement with the SLA policy's (see sentTogether).
   */
  async execute({ applicationId, actor }: GetApplication): Promise<ApplicationView> {
    const knownJob = this.applicationJobs.jobOf(applicationId);
    const [[applicationEvents, noticeEvents, knownJobEvents], candidate, timeline] = await Promise.all([
      this.store.readStreams([
        { streamId: applicationAggregate.streamId(applicationId) },
        { streamId: noticesAggregate.streamId(applicationId) },
        ...(knownJob ? [{ streamId: jobAggregate.streamId(knownJob) }] : []),
      ]),
      this.candidates.find(applicationId),
      this.policy.timeline(),
    ]);
    const { state, version } = readable(loadedFrom(applicationAggregate, applicationEvents), actor);
    const job =
      knownJob === state.jobId
        ? loadedFrom(jobAggregate, knownJobEvents)
        : await aggregateStream(this.store, jobAggregate, state.jobId);
    this.applicationJobs.remember(applicationId, state.jobId);
    const promises = { team: teamOf(job.state), notices: loadedFrom(noticesAggregate, noticeEvents).state };
    return applicationView(state, version!, candidate, timeline, promises, blindInterviews(state, actor));
  }
}

@QueryHandler(GetApplicationHistory)
export class GetApplicationHistoryHandler extends StreamReader implements IQueryHandler<GetApplicationHistory> {
  async execute({ applicationId, actor }: GetApplicationHistory): Promise<HistoryEntry[]> {
    const { events, state } = await this.load(applicationId, actor);
    const blind = blindInterviews(state, actor);
    return events.map((e) => ({
      type: e.type,
      version: e.revision,
      position: e.position,
      recordedAt: e.recordedAt,
      data: blindEventData(e.type, e.data, blind),
    }));
  }
}

/** An interviewer reads only the applications they interview (SPEC §4). */
function authorise(app: Application, actor: Actor): void {
  if (actor.role !== 'interviewer') return;
  if (app.interviews.some((interview) => interview.interviewerIds.includes(actor.id))) return;
  throw new NotAllowedToRead('Interviewers may read only the applications they interview.');
}
