import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CAN, Roles, ProjectionsService } from '@app/platform';
import { ProjectionsStatusDto, RebuildStartedDto } from './dto/read-responses';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly projections: ProjectionsService) {}

  /** Replays the log into fresh tables and swaps them in; the API keeps serving meanwhile. 202, then poll GET. */
  @Post('rebuild')
  @HttpCode(202)
  @Roles(CAN.administer)
  @ApiAcceptedResponse({ type: RebuildStartedDto })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  rebuild() {
    return { projection: 'hiring', ...this.projections.startRebuild() };
  }

  /** Position, lag, runner state and the last rebuild. */
  @Get()
  @Roles(CAN.administer)
  @ApiOkResponse({ type: ProjectionsStatusDto })
  @ApiProblems(401, 403)
  status() {
    return this.projections.status();
  }
}
