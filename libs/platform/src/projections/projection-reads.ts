import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Query, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { ProjectionBehind } from '../http/errors';
import { ProjectionsService } from './projections.service';

export const POSITION_HEADER = 'X-Projection-Position';
/** The read-model database, as the projections library queries it. */
export const READ_MODEL_SQL = Symbol('ReadModelSql');
/** SPEC §4: ?minPosition waits this long for the projections, then answers 503. */
export const MIN_POSITION_WAIT_MS = 5000;

/**
 * Every read of a projection goes through here: wait for ?minPosition if asked, run the query, and
 * say which position the answer reflects. The position is read before the query runs, so the
 * answer reflects at least that much of the log (a batch may land in between, never the reverse).
 */
@Injectable()
export class ProjectionReads {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly queries: QueryBus,
  ) {}

  async answer<T>(reply: FastifyReply, minPosition: number | undefined, query: Query<T>): Promise<T> {
    if (minPosition !== undefined && !(await this.projections.waitForPosition(minPosition, MIN_POSITION_WAIT_MS))) {
      reply.header(POSITION_HEADER, String(this.projections.position));
      reply.header('Retry-After', '1');
      throw new ProjectionBehind(this.projections.position, minPosition, MIN_POSITION_WAIT_MS / 1000);
    }
    const position = this.projections.position;
    const result = await this.queries.execute(query);
    reply.header(POSITION_HEADER, String(position));
    return result;
  }
}

/**
 * Puts the header on every answer of a projection read, refusals of bad parameters included (the
 * validation pipe runs after interceptors); ProjectionReads then sets it to the exact position.
 */
@Injectable()
export class ProjectionPositionHeader implements NestInterceptor {
  constructor(private readonly projections: ProjectionsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<FastifyReply>().header(POSITION_HEADER, String(this.projections.position));
    return next.handle();
  }
}
