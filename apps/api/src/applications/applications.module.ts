import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CandidateRecord, CandidateStore } from '@app/candidates';
import { ProjectionReadsModule } from '@app/platform';
import { ApplicationJobs } from './application-jobs';
import { ApplicationsController } from './applications.controller';
import { CandidateSweeper } from './candidate-sweeper';
import { ChangeApplicationHandler } from './commands/change-application';
import { EraseCandidateHandler } from './commands/erase-candidate';
import { SubmitApplicationHandler } from './commands/submit-application';
import { InterviewsController } from './interviews.controller';
import { GetApplicationHandler, GetApplicationHistoryHandler } from './queries/application.queries';
import { ListApplicationsHandler } from './queries/list-applications';

export const APPLICATION_COMMAND_HANDLERS = [SubmitApplicationHandler, ChangeApplicationHandler, EraseCandidateHandler];
export const APPLICATION_QUERY_HANDLERS = [
  GetApplicationHandler,
  GetApplicationHistoryHandler,
  ListApplicationsHandler,
];

/** Applications and their interviews: writes through the command loop, reads from the stream or the read model. */
@Module({
  imports: [TypeOrmModule.forFeature([CandidateRecord]), ProjectionReadsModule],
  controllers: [ApplicationsController, InterviewsController],
  providers: [
    ApplicationJobs,
    CandidateStore,
    CandidateSweeper,
    ...APPLICATION_COMMAND_HANDLERS,
    ...APPLICATION_QUERY_HANDLERS,
  ],
})
export class ApplicationsModule {}
