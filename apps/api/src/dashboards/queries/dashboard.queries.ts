import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  type AtRiskItem,
  type BreachItem,
  type ObligationFilter,
  type Pipeline,
  type PipelineParams,
  type SlaSummary,
  type Sql,
  type SummaryParams,
  atRiskAt,
  breachesAt,
  pipelineAt,
  slaSummary,
} from '@app/projections';
import { READ_MODEL_SQL } from '@app/platform';

export class GetPipeline extends Query<Pipeline> {
  constructor(readonly params: PipelineParams) {
    super();
  }
}

export class ListBreaches extends Query<{ asOf: string; items: BreachItem[] }> {
  constructor(
    readonly asOf: Date,
    readonly filter: ObligationFilter,
  ) {
    super();
  }
}

export class ListAtRisk extends Query<{ asOf: string; withinHours: number; items: AtRiskItem[] }> {
  constructor(
    readonly asOf: Date,
    readonly withinHours: number,
    readonly filter: ObligationFilter,
  ) {
    super();
  }
}

export class GetSlaSummary extends Query<SlaSummary> {
  constructor(readonly params: SummaryParams) {
    super();
  }
}

@QueryHandler(GetPipeline)
export class GetPipelineHandler implements IQueryHandler<GetPipeline> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ params }: GetPipeline): Promise<Pipeline> {
    return pipelineAt(this.sql, params);
  }
}

@QueryHandler(ListBreaches)
export class ListBreachesHandler implements IQueryHandler<ListBreaches> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ asOf, filter }: ListBreaches) {
    return breachesAt(this.sql, asOf, filter);
  }
}

@QueryHandler(ListAtRisk)
export class ListAtRiskHandler implements IQueryHandler<ListAtRisk> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ asOf, withinHours, filter }: ListAtRisk) {
    return atRiskAt(this.sql, asOf, withinHours, filter);
  }
}

@QueryHandler(GetSlaSummary)
export class GetSlaSummaryHandler implements IQueryHandler<GetSlaSummary> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ params }: GetSlaSummary): Promise<SlaSummary> {
    return slaSummary(this.sql, params);
  }
}

export const DASHBOARD_QUERY_HANDLERS = [
  GetPipelineHandler,
  ListBreachesHandler,
  ListAtRiskHandler,
  GetSlaSummaryHandler,
];
