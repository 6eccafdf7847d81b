import { Controller, Get, Inject, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { canonicalInstant } from '@app/hiring';
import type { Funnel, TimeInStage } from '@app/projections';
import {
  ApiProblems,
  CAN,
  type Clock,
  CLOCK,
  CsvAnswer,
  ProjectionPositionHeader,
  ProjectionReads,
  Roles,
  validationProblem,
} from '@app/platform';
import { type ReportWindow, GetFunnel, GetTimeInStage } from './report.queries';
import { FunnelDto, type ReportWindowDto, TimeInStageDto } from './reports.dto';
import { FunnelResponseDto, TimeInStageResponseDto } from './reports.responses';

const DEFAULT_WINDOW_DAYS = 30;

/** SPEC §8's reports, from the read model's history; each also answers text/csv. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@UseInterceptors(ProjectionPositionHeader)
export class ReportsController {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('time-in-stage')
  @Roles(CAN.readDashboards)
  @ApiOkResponse({ type: TimeInStageResponseDto, description: 'Also text/csv, one row per stage.' })
  @ApiProblems(400, 401, 403, 503)
  @CsvAnswer((report: TimeInStage) => report.stages.map((row) => ({ from: report.from, to: report.to, ...row })))
  timeInStage(@Query() q: TimeInStageDto, @Res({ passthrough: true }) res: FastifyReply) {
    return this.reads.answer(res, q.minPosition, new GetTimeInStage(this.window(q), q.clock ?? 'calendar'));
  }

  @Get('funnel')
  @Roles(CAN.readDashboards)
  @ApiOkResponse({ type: FunnelResponseDto, description: 'Also text/csv: stages, outcomes and rejections as rows.' })
  @ApiProblems(400, 401, 403, 503)
  @CsvAnswer((report: Funnel) => [
    ...report.stages.map((row) => ({
      section: 'stage',
      stage: row.stage,
      reached: row.reached,
      conversion: row.conversion,
    })),
    ...Object.entries(report.outcomes).map(([status, count]) => ({ section: 'outcome', status, count })),
    ...report.rejections.map((row) => ({ section: 'rejection', ...row })),
  ])
  funnel(@Query() q: FunnelDto, @Res({ passthrough: true }) res: FastifyReply) {
    return this.reads.answer(res, q.minPosition, new GetFunnel(this.window(q)));
  }

  private window(q: ReportWindowDto): ReportWindow {
    const to = q.to === undefined ? this.clock.now() : new Date(canonicalInstant(q.to, 'to'));
    const from =
      q.from === undefined
        ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000)
        : new Date(canonicalInstant(q.from, 'from'));
    if (from.getTime() >= to.getTime()) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
    return { from, to, jobId: q.jobId };
  }
}
