import { Controller, Get, Inject, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { canonicalInstant } from '@app/hiring';
import { DEFAULT_AT_RISK_HOURS, SLA_LIST_PAGE } from '@app/projections';
import type { FastifyReply } from 'fastify';
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
import { AtRiskDto, BreachesDto, PipelineDto, SummaryDto } from './dto/read-dtos';
import { AtRiskResponseDto, BreachesResponseDto, PipelineResponseDto, SummaryResponseDto } from './dto/read-responses';
import { GetPipeline, GetSlaSummary, ListAtRisk, ListBreaches } from './queries/dashboard.queries';

const SUMMARY_WINDOW_DAYS = 30;

/**
 * The reads SPEC §4 serves from projections: they may lag writes, say by how much in
 * X-Projection-Position, and wait for ?minPosition. Validate, authorise, dispatch — nothing else.
 */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller()
@UseInterceptors(ProjectionPositionHeader)
@ApiProblems(400, 401, 403, 503)
export class ReadModelController {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('pipeline')
  @Roles(CAN.readDashboards)
  @ApiOkResponse({ type: PipelineResponseDto })
  pipeline(@Query() q: PipelineDto, @Res({ passthrough: true }) res: FastifyReply) {
    return this.reads.answer(
      res,
      q.minPosition,
      new GetPipeline({ asOf: this.instant(q.asOf, 'asOf'), jobId: q.jobId, perStage: q.perStage }),
    );
  }

  @Get('sla/breaches')
  @Roles(CAN.readDashboards)
  @CsvAnswer((answer: { items: Record<string, unknown>[] }) => answer.items)
  @ApiOkResponse({ type: BreachesResponseDto })
  breaches(@Query() q: BreachesDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { jobId, stage, kind, interviewerId, limit, cursor } = q;
    const query = new ListBreaches(
      this.optionalInstant(q.asOf, 'asOf'),
      this.clock.now(),
      { jobId, stage, kind, interviewerId },
      { limit: limit ?? SLA_LIST_PAGE.default, cursor },
    );
    return this.reads.answer(res, q.minPosition, query);
  }

  @Get('sla/at-risk')
  @Roles(CAN.readDashboards)
  @CsvAnswer((answer: { items: Record<string, unknown>[] }) => answer.items)
  @ApiOkResponse({ type: AtRiskResponseDto })
  atRisk(@Query() q: AtRiskDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { jobId, stage, kind, interviewerId, limit, cursor } = q;
    const query = new ListAtRisk(
      this.optionalInstant(q.asOf, 'asOf'),
      this.clock.now(),
      q.withinHours ?? DEFAULT_AT_RISK_HOURS,
      { jobId, stage, kind, interviewerId },
      { limit: limit ?? SLA_LIST_PAGE.default, cursor },
    );
    return this.reads.answer(res, q.minPosition, query);
  }

  /** breachedOpen is judged at the time of the request: open and past due now. */
  @Get('sla/summary')
  @Roles(CAN.readDashboards)
  @CsvAnswer((summary: { groups: Record<string, unknown>[] }) => summary.groups)
  @ApiOkResponse({ type: SummaryResponseDto })
  summary(@Query() q: SummaryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const now = this.clock.now();
    const to = this.instant(q.to, 'to');
    const from =
      q.from === undefined ? new Date(to.getTime() - SUMMARY_WINDOW_DAYS * 86_400_000) : this.instant(q.from, 'from');
    if (from.getTime() >= to.getTime()) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
    return this.reads.answer(
      res,
      q.minPosition,
      new GetSlaSummary({ from, to, groupBy: q.groupBy ?? 'stage', jobId: q.jobId, now }),
    );
  }

  /** An instant from the query string (the domain refuses impossible dates), or now. */
  private instant(value: string | undefined, field: string): Date {
    return this.optionalInstant(value, field) ?? this.clock.now();
  }

  private optionalInstant(value: string | undefined, field: string): Date | undefined {
    return value === undefined ? undefined : new Date(canonicalInstant(value, field));
  }
}
