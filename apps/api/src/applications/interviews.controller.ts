import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CAN, Roles, IdParam, Context, NewIds, type RequestContext, type IdSource, NoBodyDto } from '@app/platform';
import { CancelInterviewDto, MarkHeldDto, ScheduleInterviewDto, ScorecardDto } from './applications.dto';
import { InterviewScheduledDto } from './application.responses';
import { ApplicationWrite } from './application-writes.openapi';
import { type ApplicationRequest, ChangeApplication } from './commands/change-application';

@ApiTags('interviews')
@ApiBearerAuth()
@Controller('applications/:id/interviews')
export class InterviewsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(CAN.manageInterviews)
  @ApplicationWrite(201, InterviewScheduledDto)
  schedule(
    @IdParam('id', 'application') id: string,
    @Body() body: ScheduleInterviewDto,
    @Context() context: RequestContext,
    @NewIds() newId: IdSource,
  ) {
    return this.change(id, { type: 'ScheduleInterview', data: { interviewId: newId('interview'), ...body } }, context);
  }

  @Post(':iid/held')
  @HttpCode(200)
  @Roles(CAN.manageInterviews)
  @ApplicationWrite(200)
  held(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() body: MarkHeldDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, { type: 'MarkInterviewHeld', data: { interviewId, heldAt: body.heldAt } }, context);
  }

  @Post(':iid/no-show')
  @HttpCode(200)
  @Roles(CAN.manageInterviews)
  @ApplicationWrite(200)
  noShow(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() _body: NoBodyDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, { type: 'MarkInterviewNoShow', data: { interviewId } }, context);
  }

  @Post(':iid/cancel')
  @HttpCode(200)
  @Roles(CAN.manageInterviews)
  @ApplicationWrite(200)
  cancel(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() body: CancelInterviewDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, { type: 'CancelInterview', data: { interviewId, reason: body.reason ?? null } }, context);
  }

  /** Any role may try; the domain lets through only the interview's own interviewers. */
  @Post(':iid/scorecards')
  @Roles(CAN.submitScorecards)
  @ApplicationWrite(201)
  scorecard(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() body: ScorecardDto,
    @Context() context: RequestContext,
  ) {
    return this.change(
      id,
      {
        type: 'SubmitScorecard',
        data: { interviewId, rating: body.rating, recommendation: body.recommendation, notes: body.notes ?? null },
      },
      context,
    );
  }

  private change(id: string, request: ApplicationRequest, context: RequestContext) {
    return this.commands.execute(new ChangeApplication(id, request, context));
  }
}
