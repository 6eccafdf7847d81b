import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Inbox, type InboxParams, type Sql, inboxOf } from '@app/projections';
import { READ_MODEL_SQL } from '@app/platform';

export class GetMyObligations extends Query<Inbox> {
  constructor(readonly params: InboxParams) {
    super();
  }
}

@QueryHandler(GetMyObligations)
export class GetMyObligationsHandler implements IQueryHandler<GetMyObligations> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  execute({ params }: GetMyObligations): Promise<Inbox> {
    return inboxOf(this.sql, params);
  }
}
