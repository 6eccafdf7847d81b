import { Module } from '@nestjs/common';
import { ProjectionReadsModule } from '@app/platform';
import { ChangeJobHandler } from './job.commands';
import { GetJobHandler, ListJobsHandler } from './job.queries';
import { JobsController } from './jobs.controller';

@Module({
  imports: [ProjectionReadsModule],
  controllers: [JobsController],
  providers: [ChangeJobHandler, GetJobHandler, ListJobsHandler],
})
export class JobsModule {}
