import { Controller, Get, Inject, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { canonicalInstant } from '@app/hiring';
import { INBOX_PAGE } from '@app/projections';
import {
  type Actor,
  ApiProblems,
  type Clock,
  CLOCK,
  CurrentActor,
  ProjectionPositionHeader,
  ProjectionReads,
  ROLES,
  Roles,
} from '@app/platform';
import { MyObligationsDto } from './me.dto';
import { MyObligationsResponseDto } from './me.responses';
import { GetMyObligations } from './my-obligations.query';

/**
 * What the caller owes (SPEC §6), from the read model. Every role has an inbox: it is about the
 * caller's own work, so an interviewer sees their scorecards here even where they may not read the
 * application itself.
 */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
@UseInterceptors(ProjectionPositionHeader)
export class MeController {
  constructor(
    private readonly reads: ProjectionReads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('obligations')
  @Roles(ROLES)
  @ApiOperation({ summary: 'The obligations the caller owns or was escalated to' })
  @ApiOkResponse({ type: MyObligationsResponseDto })
  @ApiProblems(400, 401, 403, 503)
  obligations(
    @Query() q: MyObligationsDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const asOf = q.asOf === undefined ? this.clock.now() : new Date(canonicalInstant(q.asOf, 'asOf'));
    const query = new GetMyObligations({
      userId: actor.id,
      asOf,
      status: q.status ?? 'open',
      limit: q.limit ?? INBOX_PAGE.default,
    });
    return this.reads.answer(res, q.minPosition, query);
  }
}
