import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CAN, Roles } from '../auth/roles';
import { IdParam } from '../http/id-param';
import { NoBodyDto } from '../http/no-body.dto';
import { Context, NewIds, type RequestContext } from '../http/request-context';
import { type IdSource } from '../infrastructure/ids';
import { ChangeJob } from './job.commands';
import { GetJob } from './job.queries';
import { OpenJobDto } from './jobs.dto';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(CAN.manageJobs)
  open(@Body() body: OpenJobDto, @Context() context: RequestContext, @NewIds() newId: IdSource) {
    const jobId = newId('job');
    return this.commands.execute(
      new ChangeJob(jobId, { type: 'OpenJob', data: { jobId, title: body.title, department: body.department ?? null } }, context),
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(CAN.manageJobs)
  close(@IdParam('id', 'job') id: string, @Body() _body: NoBodyDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangeJob(id, { type: 'CloseJob', data: {} }, context));
  }

  @Get(':id')
  @Roles(CAN.readJobs)
  get(@IdParam('id', 'job') id: string) {
    return this.queries.execute(new GetJob(id));
  }
}
