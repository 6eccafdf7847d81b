import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { canonicalInstant } from '@app/hiring';
import {
  ApiProblems,
  CAN,
  type Clock,
  CLOCK,
  ConsistentReadDto,
  Context,
  ProjectionPositionHeader,
  ProjectionReads,
  type RequestContext,
  Roles,
  validationProblem,
} from '@app/platform';
import { JsonObjectPipe } from './json-object.pipe';
import { SetSlaPolicy } from './set-sla-policy';
import { POLICY_EXAMPLE, PreviewSlaPolicyDto } from './sla-policy.dto';
import { GetSlaPolicy, GetSlaPolicyHistory, PreviewSlaPolicy } from './sla-policy.queries';
import { PolicyChangedDto, PolicyHistoryDto, PolicyVersionDto } from './sla-policy.responses';
import { SummaryResponseDto } from '../dashboards/dto/read-responses';

const SUMMARY_WINDOW_DAYS = 30;

/** SPEC §7: the SLA policy, its versions, changes to it, and a preview of a change. */
@ApiTags('sla-policy')
@ApiBearerAuth()
@Controller('sla/policy')
export class SlaPolicyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reads: ProjectionReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(CAN.readDashboards)
  @ApiOkResponse({ type: PolicyVersionDto, description: 'The version in force now.' })
  @ApiProblems(401, 403)
  current() {
    return this.queries.execute(new GetSlaPolicy());
  }

  @Get('history')
  @Roles(CAN.readDashboards)
  @ApiOkResponse({ type: PolicyHistoryDto })
  @ApiProblems(401, 403)
  history() {
    return this.queries.execute(new GetSlaPolicyHistory());
  }

  /** Omitted fields take the defaults of SPEC §3, not the previous version's values. */
  @Put()
  @HttpCode(200)
  @Roles(CAN.administer)
  @ApiOkResponse({ type: PolicyChangedDto })
  @ApiProblems(400, 401, 403, 413, 415)
  @ApiBody({ schema: { type: 'object', additionalProperties: true, example: POLICY_EXAMPLE } })
  change(@Body(JsonObjectPipe) policy: Record<string, unknown>, @Context() context: RequestContext) {
    return this.commands.execute(new SetSlaPolicy(policy, context));
  }

  @Post('preview')
  @HttpCode(200)
  @Roles(CAN.readDashboards)
  @UseInterceptors(ProjectionPositionHeader)
  @ApiOkResponse({ type: SummaryResponseDto, description: 'What /sla/summary would have answered under the policy.' })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422, 503)
  preview(
    @Body() body: PreviewSlaPolicyDto,
    @Query() q: ConsistentReadDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    // Judged at the time of the request, as /sla/summary judges.
    const now = this.clock.now();
    const to = body.to === undefined ? now : new Date(canonicalInstant(body.to, 'to'));
    const from =
      body.from === undefined
        ? new Date(to.getTime() - SUMMARY_WINDOW_DAYS * 86_400_000)
        : new Date(canonicalInstant(body.from, 'from'));
    if (from.getTime() >= to.getTime()) throw validationProblem([{ field: 'from', message: 'from must be before to' }]);
    const params = { from, to, groupBy: body.groupBy ?? 'stage', jobId: body.jobId, now };
    return this.reads.answer(res, q.minPosition, new PreviewSlaPolicy(body.policy, params));
  }
}
