import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  type AtRiskItem,
  type BreachItem,
  InvalidCursor,
  type ObligationFilter,
  type Pipeline,
  type PipelineParams,
  type SlaList,
  type SlaListKind,
  type SlaPage,
  type SlaSummary,
  type Sql,
  type SummaryParams,
  atRiskAt,
  breachesAt,
  pipelineAt,
  slaListInstant,
  slaSummary,
} from '@app/projections';
import { READ_MODEL_SQL, validationProblem } from '@app/platform';

export class GetPipeline extends Query<Pipeline> {
  constructor(readonly params: PipelineParams) {
    super();
  }
}

/**
 * A page of an SLA list. `asOf` is what the request asked for, if anything: the instant is the
 * cursor's for every page after the first (see slaListInstant), else `asOf`, else `now`.
 */
export class ListBreaches extends Query<SlaList<BreachItem>> {
  constructor(
    readonly asOf: Date | undefined,
    readonly now: Date,
    readonly filter: ObligationFilter,
    readonly page: SlaPage,
  ) {
    super();
  }
}

export class ListAtRisk extends Query<SlaList<AtRiskItem> & { withinHours: number }> {
  constructor(
    readonly asOf: Date | undefined,
    readonly now: Date,
    readonly withinHours: number,
    readonly filter: ObligationFilter,
    readonly page: SlaPage,
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

  execute({ asOf, now, filter, page }: ListBreaches) {
    return pageOf('breaches', page, asOf, now, (instant) => breachesAt(this.sql, instant, filter, page));
  }
}

@QueryHandler(ListAtRisk)
export class ListAtRiskHandler implements IQueryHandler<ListAtRisk> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ asOf, now, withinHours, filter, page }: ListAtRisk) {
    return pageOf('at-risk', page, asOf, now, (instant) => atRiskAt(this.sql, instant, withinHours, filter, page));
  }
}

/** A cursor this list did not issue, or issued for another instant, is a bad parameter: 400. */
async function pageOf<T>(
  list: SlaListKind,
  page: SlaPage,
  asOf: Date | undefined,
  now: Date,
  read: (instant: Date) => Promise<T>,
): Promise<T> {
  try {
    return await read(slaListInstant(list, page.cursor, asOf, now));
  } catch (error) {
    if (error instanceof InvalidCursor) throw validationProblem([{ field: 'cursor', message: error.message }]);
    throw error;
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
