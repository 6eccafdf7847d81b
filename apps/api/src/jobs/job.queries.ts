import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { aggregateStream, EVENT_STORE, type EventStore } from '@app/event-store';
import { JobNotFound, jobAggregate, teamOf } from '@app/hiring';
import { type JobListItem, listJobs, type Sql } from '@app/projections';
import { READ_MODEL_SQL } from '@app/platform';

export interface JobView {
  id: string;
  title: string;
  department: string | null;
  status: 'open' | 'closed';
  recruiterIds: string[];
  hiringManagerIds: string[];
  version: number;
}

export class GetJob extends Query<JobView> {
  constructor(readonly jobId: string) {
    super();
  }
}

/** Read from the job's stream, not a projection: a job just opened is there at once. */
@QueryHandler(GetJob)
export class GetJobHandler implements IQueryHandler<GetJob> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ jobId }: GetJob): Promise<JobView> {
    const { state: job, version } = await aggregateStream(this.store, jobAggregate, jobId);
    if (job.status === 'none') throw new JobNotFound();
    return {
      id: jobId,
      title: job.title,
      department: job.department,
      status: job.status,
      ...teamOf(job),
      version: version!,
    };
  }
}

export class ListJobs extends Query<JobListItem[]> {}

@QueryHandler(ListJobs)
export class ListJobsHandler implements IQueryHandler<ListJobs> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute(): Promise<JobListItem[]> {
    return listJobs(this.sql);
  }
}
