import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { canonicalInstant, policyInForceAt, type WorkCalendar } from '@app/hiring';
import { type Funnel, funnel, type ReportClock, type Sql, type TimeInStage, timeInStage } from '@app/projections';
import { type Clock, CLOCK, READ_MODEL_SQL, SlaPolicyTimeline } from '@app/platform';

export interface ReportWindow {
  from: Date;
  to: Date;
  jobId?: string;
}

export class GetTimeInStage extends Query<TimeInStage> {
  constructor(
    readonly window: ReportWindow,
    readonly clock: ReportClock,
  ) {
    super();
  }
}

export class GetFunnel extends Query<Funnel> {
  constructor(readonly window: ReportWindow) {
    super();
  }
}

@QueryHandler(GetTimeInStage)
export class GetTimeInStageHandler implements IQueryHandler<GetTimeInStage> {
  constructor(
    @Inject(READ_MODEL_SQL) private readonly sql: Sql,
    private readonly policy: SlaPolicyTimeline,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async execute({ window, clock }: GetTimeInStage): Promise<TimeInStage> {
    return timeInStage(this.sql, {
      ...window,
      calendar: clock === 'calendar' ? { type: 'calendar' } : await this.workingHours(),
    });
  }

  /** The business clock is the working hours and holidays of the policy in force now. */
  private async workingHours(): Promise<WorkCalendar> {
    const { calendar } = policyInForceAt(
      await this.policy.timeline(),
      canonicalInstant(this.now.now().toISOString(), 'now'),
    ).policy;
    return {
      type: 'business',
      timeZone: calendar.timeZone,
      workingHours: calendar.workingHours,
      holidays: calendar.holidays,
    };
  }
}

@QueryHandler(GetFunnel)
export class GetFunnelHandler implements IQueryHandler<GetFunnel> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ window }: GetFunnel): Promise<Funnel> {
    return funnel(this.sql, window);
  }
}
