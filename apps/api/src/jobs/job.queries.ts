import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { JobNotFound, jobDecider, parseJobEvent } from '@app/hiring';
import { jobStream } from './job.commands';

export interface JobView {
  id: string;
  title: string;
  department: string | null;
  status: 'open' | 'closed';
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
    const events = await this.store.readStream(jobStream(jobId));
    const job = events.map(parseJobEvent).reduce(jobDecider.evolve, jobDecider.initialState);
    if (job.status === 'none') throw new JobNotFound();
    return {
      id: jobId,
      title: job.title,
      department: job.department,
      status: job.status,
      version: events.at(-1)!.revision,
    };
  }
}
