import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  type ApplicationPage,
  InvalidCursor,
  type ListApplicationsParams,
  listApplications,
  type Sql,
} from '@app/projections';
import { READ_MODEL_SQL, validationProblem } from '@app/platform';

export class ListApplications extends Query<ApplicationPage> {
  constructor(readonly params: ListApplicationsParams) {
    super();
  }
}

@QueryHandler(ListApplications)
export class ListApplicationsHandler implements IQueryHandler<ListApplications> {
  constructor(@Inject(READ_MODEL_SQL) private readonly sql: Sql) {}

  async execute({ params }: ListApplications): Promise<ApplicationPage> {
    try {
      return await listApplications(this.sql, params);
    } catch (error) {
      if (error instanceof InvalidCursor) throw validationProblem([{ field: 'cursor', message: error.message }]);
      throw error;
    }
  }
}
