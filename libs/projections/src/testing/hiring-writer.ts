import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore } from '@app/event-store';
import {
  type ApplicationCommand,
  type ApplicationEvent,
  EVENT_SCHEMA_VERSIONS,
  type JobCommand,
  type JobEvent,
  decideApplication,
  decideJob,
  evolveApplication,
  evolveJob,
  initialApplicationState,
  initialJobState,
  parseApplicationEvent,
  parseJobEvent,
} from '@app/hiring';
import type { Sql } from '../database/sql';

/** A command as the specs write it: `actor` defaults to a recruiter, `now` is required. */
type Loose<C> = C extends { actor: string; now: string } ? Omit<C, 'actor'> & { actor?: string } : never;

export const RECRUITER = 'recruiter-rita';

/**
 * Appends realistic events for the specs: load the stream, fold, decide with the domain's deciders,
 * append with the revision read, as the API's command handlers do. Candidates get a row in the
 * personal-data table, as the submit handler writes it.
 */
export class HiringWriter {
  constructor(
    private readonly store: EventStore,
    private readonly sql: Sql,
  ) {}

  async openJob(now: string, title = 'Backend engineer', department: string | null = 'Engineering'): Promise<string> {
    const jobId = randomUUID();
    await this.job(jobId, { type: 'OpenJob', data: { jobId, title, department }, now });
    return jobId;
  }

  async job(jobId: string, command: Loose<JobCommand>): Promise<AppendResult> {
    const streamId = `job-${jobId}`;
    const recorded = await this.store.readStream(streamId);
    const state = recorded.map(parseJobEvent).reduce(evolveJob, initialJobState);
    const events = decideJob({ actor: RECRUITER, ...command } as JobCommand, state);
    return this.append(streamId, events, recorded.at(-1)?.revision);
  }

  async submit(jobId: string, now: string, name = 'Ada Lovelace'): Promise<{ id: string; result: AppendResult }> {
    const id = randomUUID();
    const result = await this.application(id, { type: 'SubmitApplication', data: { applicationId: id, jobId }, now });
    await this.sql.query(
      `insert into candidates (application_id, job_id, name, email, reservation_key) values ($1, $2, $3, $4, $5)`,
      [id, jobId, name, `${id}@example.com`, `key-${id}`],
    );
    return { id, result };
  }

  async application(applicationId: string, command: Loose<ApplicationCommand>): Promise<AppendResult> {
    const streamId = `application-${applicationId}`;
    const recorded = await this.store.readStream(streamId);
    const state = recorded.map(parseApplicationEvent).reduce(evolveApplication, initialApplicationState);
    const events = decideApplication({ actor: RECRUITER, ...command } as ApplicationCommand, state);
    return this.append(streamId, events, recorded.at(-1)?.revision);
  }

  private append(streamId: string, events: (ApplicationEvent | JobEvent)[], revision: number | undefined) {
    if (events.length === 0) throw new Error(`the command decided nothing for ${streamId}`);
    return this.store.append(
      streamId,
      events.map((event) => ({
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        data: { ...event.data },
      })),
      { expectedRevision: revision ?? 'no_stream' },
    );
  }
}
