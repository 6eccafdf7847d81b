import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ApiProblems,
  CAN,
  Context,
  IdParam,
  type IdSource,
  NewIds,
  NoBodyDto,
  ProjectionPositionHeader,
  ProjectionReads,
  type RequestContext,
  Roles,
  WriteResultDto,
} from '@app/platform';
import {
  ApplicationPageDto,
  CandidateUpdateRecordedDto,
  HistoryEntryDto,
  OfferExtendedDto,
  ReferenceRecordedDto,
} from './application.responses';
import { ApplicationWrite } from './application-writes.openapi';
import { ApplicationViewDto } from './queries/application-view.responses';
import {
  CandidateUpdateDto,
  ListApplicationsDto,
  MoveDto,
  OfferDto,
  ReferenceDto,
  RejectDto,
  SubmitApplicationDto,
  WithdrawDto,
} from './applications.dto';
import { type ApplicationRequest, ChangeApplication } from './commands/change-application';
import { EraseCandidate } from './commands/erase-candidate';
import { SubmitApplication } from './commands/submit-application';
import { GetApplication, GetApplicationHistory } from './queries/application.queries';
import { ListApplications } from './queries/list-applications';

/** Validate, authorise, dispatch: the rules live in the domain, the I/O in the handlers. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly reads: ProjectionReads,
  ) {}

  /** From the read model, so it may lag writes; interviewers see only the applications they interview. */
  @Get()
  @Roles(CAN.readApplications)
  @UseInterceptors(ProjectionPositionHeader)
  @ApiOkResponse({ type: ApplicationPageDto, description: 'Newest first, from the read model.' })
  @ApiProblems(400, 401, 403, 503)
  list(
    @Query() q: ListApplicationsDto,
    @Context() context: RequestContext,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const interviewerId = context.actor.role === 'interviewer' ? context.actor.id : undefined;
    const { jobId, stage, status, limit, cursor } = q;
    return this.reads.answer(
      res,
      q.minPosition,
      new ListApplications({ jobId, stage, status, limit, cursor, interviewerId }),
    );
  }

  @Post()
  @Roles(CAN.submitApplications)
  @ApiCreatedResponse({ type: WriteResultDto })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  submit(@Body() body: SubmitApplicationDto, @Context() context: RequestContext, @NewIds() newId: IdSource) {
    return this.commands.execute(
      new SubmitApplication(newId('application'), body.jobId, body.candidate, body.source, context),
    );
  }

  @Get(':id')
  @Roles(CAN.readApplications)
  @ApiOkResponse({ type: ApplicationViewDto, description: 'Folded from the stream: reflects every write answered.' })
  @ApiProblems(401, 403, 404)
  get(@IdParam('id', 'application') id: string, @Context() context: RequestContext) {
    return this.queries.execute(new GetApplication(id, context.actor));
  }

  @Get(':id/events')
  @Roles(CAN.readApplications)
  @ApiOkResponse({ type: [HistoryEntryDto], description: 'The stream, oldest first.' })
  @ApiProblems(401, 403, 404)
  history(@IdParam('id', 'application') id: string, @Context() context: RequestContext) {
    return this.queries.execute(new GetApplicationHistory(id, context.actor));
  }

  @Post(':id/move')
  @HttpCode(200)
  @Roles(CAN.decide)
  @ApplicationWrite(200)
  move(@IdParam('id', 'application') id: string, @Body() body: MoveDto, @Context() context: RequestContext) {
    return this.change(
      id,
      { type: 'MoveApplication', data: { toStage: body.toStage, reason: body.reason ?? null } },
      context,
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(CAN.decide)
  @ApplicationWrite(200)
  reject(@IdParam('id', 'application') id: string, @Body() body: RejectDto, @Context() context: RequestContext) {
    return this.change(
      id,
      { type: 'RejectApplication', data: { reasonCode: body.reasonCode, note: body.note ?? null } },
      context,
    );
  }

  @Post(':id/unreject')
  @HttpCode(200)
  @Roles(CAN.decide)
  @ApplicationWrite(200)
  unreject(@IdParam('id', 'application') id: string, @Body() _body: NoBodyDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'UnrejectApplication', data: {} }, context);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(CAN.decide)
  @ApplicationWrite(200)
  withdraw(@IdParam('id', 'application') id: string, @Body() body: WithdrawDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'WithdrawApplication', data: { reason: body.reason ?? null } }, context);
  }

  @Post(':id/references')
  @Roles(CAN.decide)
  @ApplicationWrite(201, ReferenceRecordedDto)
  reference(
    @IdParam('id', 'application') id: string,
    @Body() body: ReferenceDto,
    @Context() context: RequestContext,
    @NewIds() newId: IdSource,
  ) {
    const data = { referenceId: newId('reference'), ...body, notes: body.notes ?? null };
    return this.change(id, { type: 'RecordReference', data }, context);
  }

  @Post(':id/offer')
  @Roles(CAN.decide)
  @ApplicationWrite(201, OfferExtendedDto)
  offer(
    @IdParam('id', 'application') id: string,
    @Body() body: OfferDto,
    @Context() context: RequestContext,
    @NewIds() newId: IdSource,
  ) {
    return this.change(id, { type: 'ExtendOffer', data: { offerId: newId('offer'), ...body } }, context);
  }

  /** The candidate was told where they stand: the promise of SPEC §6 is kept until the next word is due. */
  @Post(':id/candidate-updates')
  @ApplicationWrite(201, CandidateUpdateRecordedDto)
  @Roles(CAN.decide)
  candidateUpdate(
    @IdParam('id', 'application') id: string,
    @Body() body: CandidateUpdateDto,
    @Context() context: RequestContext,
    @NewIds() newId: IdSource,
  ) {
    const data = { updateId: newId('candidate-update'), channel: body.channel, summary: body.summary ?? null };
    return this.change(id, { type: 'RecordCandidateUpdate', data }, context);
  }

  @Post(':id/offer/accept')
  @HttpCode(200)
  @Roles(CAN.decide)
  @ApplicationWrite(200)
  acceptOffer(@IdParam('id', 'application') id: string, @Body() _body: NoBodyDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'AcceptOffer', data: {} }, context);
  }

  @Post(':id/offer/decline')
  @HttpCode(200)
  @Roles(CAN.decide)
  @ApplicationWrite(200)
  declineOffer(@IdParam('id', 'application') id: string, @Body() _body: NoBodyDto, @Context() context: RequestContext) {
    return this.change(id, { type: 'DeclineOffer', data: {} }, context);
  }

  @Delete(':id/candidate')
  @HttpCode(204)
  @Roles(CAN.administer)
  @ApiNoContentResponse({ description: 'Erased, or already erased: safe to repeat.' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415)
  async erase(@IdParam('id', 'application') id: string, @Context() context: RequestContext): Promise<void> {
    await this.commands.execute(new EraseCandidate(id, context));
  }

  private change(id: string, request: ApplicationRequest, context: RequestContext) {
    return this.commands.execute(new ChangeApplication(id, request, context));
  }
}
