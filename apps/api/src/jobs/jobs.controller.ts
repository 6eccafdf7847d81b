import { Body, Controller, Get, HttpCode, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CAN,
  Roles,
  IdParam,
  NoBodyDto,
  Context,
  NewIds,
  type RequestContext,
  type IdSource,
  ApiProblems,
  ProjectionPositionHeader,
  ProjectionReads,
  WriteResultDto,
} from '@app/platform';
import { ChangeJob } from './job.commands';
import { GetJob, ListJobs } from './job.queries';
import { JobsDto, JobTeamDto, OpenJobDto } from './jobs.dto';
import { JobDto, JobListItemDto } from './jobs.responses';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reads: ProjectionReads,
  ) {}

  @Get()
  @Roles(CAN.readJobs)
  @UseInterceptors(ProjectionPositionHeader)
  @ApiOkResponse({ type: [JobListItemDto], description: 'Every job, oldest first, from the read model.' })
  @ApiProblems(400, 401, 403, 503)
  list(@Query() q: JobsDto, @Res({ passthrough: true }) res: FastifyReply) {
    return this.reads.answer(res, q.minPosition, new ListJobs());
  }

  @Post()
  @Roles(CAN.manageJobs)
  @ApiCreatedResponse({ type: WriteResultDto })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  open(@Body() body: OpenJobDto, @Context() context: RequestContext, @NewIds() newId: IdSource) {
    const jobId = newId('job');
    return this.commands.execute(
      new ChangeJob(
        jobId,
        {
          type: 'OpenJob',
          data: {
            jobId,
            title: body.title,
            department: body.department ?? null,
            recruiterIds: body.recruiterIds ?? [],
            hiringManagerIds: body.hiringManagerIds ?? [],
          },
        },
        context,
      ),
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(CAN.manageJobs)
  @ApiOkResponse({ type: WriteResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415, 422)
  close(@IdParam('id', 'job') id: string, @Body() _body: NoBodyDto, @Context() context: RequestContext) {
    return this.commands.execute(new ChangeJob(id, { type: 'CloseJob', data: {} }, context));
  }

  /** Replaces the whole team; a closed job's too, since its applications still have owners. */
  @Put(':id/team')
  @Roles(CAN.manageJobs)
  @ApiOkResponse({ type: WriteResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415)
  changeTeam(@IdParam('id', 'job') id: string, @Body() body: JobTeamDto, @Context() context: RequestContext) {
    const { recruiterIds, hiringManagerIds } = body;
    return this.commands.execute(
      new ChangeJob(id, { type: 'ChangeJobTeam', data: { recruiterIds, hiringManagerIds } }, context),
    );
  }

  @Get(':id')
  @Roles(CAN.readJobs)
  @ApiOkResponse({ type: JobDto, description: 'From the job’s stream: a job just opened is there at once.' })
  @ApiProblems(401, 403, 404)
  get(@IdParam('id', 'job') id: string) {
    return this.queries.execute(new GetJob(id));
  }
}
