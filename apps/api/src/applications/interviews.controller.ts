import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ApplicationCommand } from '@app/hiring';
import { CAN, Roles } from '../auth/roles';
import { IdParam } from '../http/id-param';
import { Context, type RequestContext } from '../http/request-context';
import { CancelInterviewDto, MarkHeldDto, ScheduleInterviewDto, ScorecardDto } from './applications.dto';
import { NoBodyDto } from '../http/no-body.dto';
import { ChangeApplication } from './commands/change-application';

@ApiTags('interviews')
@ApiBearerAuth()
@Controller('applications/:id/interviews')
export class InterviewsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(CAN.manageInterviews)
  schedule(
    @IdParam('id', 'application') id: string,
    @Body() body: ScheduleInterviewDto,
    @Context() context: RequestContext,
  ) {
    const interviewId = context.newId('interview');
    return this.change(
      id,
      context,
      (now) => ({ type: 'ScheduleInterview', data: { interviewId, ...body }, actor: context.actor.id, now }),
      { interviewId },
    );
  }

  @Post(':iid/held')
  @HttpCode(200)
  @Roles(CAN.manageInterviews)
  held(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() body: MarkHeldDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, context, (now) => ({
      type: 'MarkInterviewHeld',
      data: { interviewId, heldAt: body.heldAt },
      actor: context.actor.id,
      now,
    }));
  }

  @Post(':iid/no-show')
  @HttpCode(200)
  @Roles(CAN.manageInterviews)
  noShow(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() _body: NoBodyDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, context, (now) => ({
      type: 'MarkInterviewNoShow',
      data: { interviewId },
      actor: context.actor.id,
      now,
    }));
  }

  @Post(':iid/cancel')
  @HttpCode(200)
  @Roles(CAN.manageInterviews)
  cancel(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() body: CancelInterviewDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, context, (now) => ({
      type: 'CancelInterview',
      data: { interviewId, reason: body.reason ?? null },
      actor: context.actor.id,
      now,
    }));
  }

  /** Any role may try; the domain lets through only the interview's own interviewers. */
  @Post(':iid/scorecards')
  @Roles(CAN.submitScorecards)
  scorecard(
    @IdParam('id', 'application') id: string,
    @IdParam('iid', 'interview') interviewId: string,
    @Body() body: ScorecardDto,
    @Context() context: RequestContext,
  ) {
    return this.change(id, context, (now) => ({
      type: 'SubmitScorecard',
      data: { interviewId, rating: body.rating, recommendation: body.recommendation, notes: body.notes ?? null },
      actor: context.actor.id,
      now,
    }));
  }

  private change(
    id: string,
    context: RequestContext,
    build: (now: string) => ApplicationCommand,
    answer?: Record<string, unknown>,
  ) {
    return this.commands.execute(new ChangeApplication(id, build, context, answer));
  }
}
