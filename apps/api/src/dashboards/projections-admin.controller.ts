import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CAN, Roles, ProjectionsService } from '@app/platform';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly projections: ProjectionsService) {}

  /** Replays the log into fresh tables and swaps them in; the API keeps serving meanwhile. 202, then poll GET. */
  @Post('rebuild')
  @HttpCode(202)
  @Roles(CAN.administer)
  rebuild() {
    return { projection: 'hiring', ...this.projections.startRebuild() };
  }

  /** Position, lag, runner state and the last rebuild. */
  @Get()
  @Roles(CAN.administer)
  status() {
    return this.projections.status();
  }
}
