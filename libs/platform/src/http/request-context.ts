import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { type EventMetadata } from '@app/event-store';
import { type Actor } from '../auth/roles';
import { type IdempotentRequest } from '../idempotency/idempotency.interceptor';
import { type IdSource, idSource } from '../infrastructure/ids';
import { validationProblem } from './problem';

/**
 * Who is asking, under which correlation id, on which condition: plain data that travels inside
 * every command, so that a command can be logged, queued or replayed as it is.
 */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  /** From If-Match: the version the write must apply to. */
  expectedVersion?: number;
  /** Stored with the events, so that a retried request can recognise its own earlier writes. */
  idempotencyKey?: string;
}

export const Context = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<IdempotentRequest>();
  const header = request.headers['x-request-id'];
  const expectedVersion = parseIfMatch(request.headers['if-match']);
  return {
    actor: request.actor,
    correlationId: typeof header === 'string' && header.length <= 200 ? header : randomUUID(),
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
    ...(request.idempotencyScope
      ? { idempotencyKey: createHash('sha256').update(request.idempotencyScope).digest('base64url') }
      : {}),
  };
});

/** Where the ids a request creates come from: random, or derived from its Idempotency-Key. */
export const NewIds = createParamDecorator((_: unknown, context: ExecutionContext): IdSource =>
  idSource(context.switchToHttp().getRequest<IdempotentRequest>().idempotencyScope),
);

/** `If-Match: "3"` (or a weak `W/"3"`, or a bare 3): the version a conditional write expects. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim());
  if (!match) throw validationProblem([{ field: 'If-Match', message: 'must be a version, e.g. "3"' }]);
  return Number(match[1]);
}

/** What every event of a request records about it. */
export const eventMetadata = (context: RequestContext): EventMetadata => ({
  actor: context.actor.id,
  correlationId: context.correlationId,
  ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
});
