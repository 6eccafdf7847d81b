import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { IdParam } from '../http/id-param';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CAN, Roles } from '../auth/roles';
import { Context, type RequestContext } from '../http/request-context';
import { ChangeJob } from './job.commands';
import { OpenJobDto } from './jobs.dto';
import { NoBodyDto } from '../http/no-body.dto';
import { GetJob } from './job.queries';

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
  open(@Body() body: OpenJobDto, @Context() context: RequestContext) {
    const jobId = context.newId('job');
    return this.commands.execute(
      new ChangeJob(
        jobId,
        (now) => ({
          type: 'OpenJob',
          data: { jobId, title: body.title, department: body.department ?? null },
          actor: context.actor.id,
          now,
        }),
        context,
      ),
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(CAN.manageJobs)
  close(@IdParam('id', 'job') id: string, @Body() _body: NoBodyDto, @Context() context: RequestContext) {
    return this.commands.execute(
      new ChangeJob(id, (now) => ({ type: 'CloseJob', data: {}, actor: context.actor.id, now }), context),
    );
  }

  @Get(':id')
  @Roles(CAN.readJobs)
  get(@IdParam('id', 'job') id: string) {
    return this.queries.execute(new GetJob(id));
  }
}
