import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { type Actor } from '../auth/roles';
import { IdempotencyKeyInUse, IdempotencyKeyReused, isTypedError } from '../http/errors';
import { type ProblemDetails, ProblemException, validationProblem } from '../http/problem';
import { toProblem } from '../http/problem-details.filter';

const LEASE_SECONDS = 30;
const WAIT_FOR_FIRST_MS = 10_000;

interface StoredKey {
  request_hash: string;
  status_code: number | null;
  body: unknown;
  headers: Record<string, string> | null;
}

/** Response headers that belong to the answer, and so are replayed with it. */
const REPLAYED_HEADERS = ['location', 'etag'] as const;

export type IdempotentRequest = FastifyRequest & { actor: Actor; idempotencyScope?: string };

/**
 * Idempotency-Key on a POST: the first request with a key runs and its response is kept; a repeat
 * with the same body gets that response back and appends nothing; the same key with another body
 * is refused (422). Concurrent repeats wait for the first to finish rather than running twice.
 *
 * The response is stored after the command has appended, so a crash in between leaves the key
 * pending; when its lease runs out, a retry runs the command again. That appends nothing twice: the
 * events carry the key, and the writer answers from the events it finds with it (DeciderWriter);
 * the ids a request proposes derive from the key too (ids.ts). Each holder writes the outcome only
 * under its own lease, so a holder that lost its lease cannot overwrite its successor's answer.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly db: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw validationProblem([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const actor = request.actor.id;
    const hash = requestHash(request);
    request.idempotencyScope = `${actor}\u0000${key}`;

    const claim = await this.claim(actor, key, hash);
    if ('stored' in claim) return of(this.replay(context, claim.stored));
    const { lease } = claim;

    const successStatus = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return from(
      (async () => {
        let body: unknown;
        try {
          body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          const problem = toProblem(error);
          // Only an answer that reflects a decision is kept: after a failure or a transient
          // refusal ("please retry"), a retry with the same key must run afresh.
          if (problem.status >= 500 || (isTypedError(error) && error.transient)) await this.forget(actor, key, lease);
          else await this.complete(actor, key, lease, problem.status, problem, {});
          throw error;
        }
        await this.complete(actor, key, lease, successStatus, body ?? null, answerHeaders(context));
        return body;
      })(),
    );
  }

  /** Takes the key under a new lease, or returns the finished response of the request that held it. */
  private async claim(actor: string, key: string, hash: string): Promise<{ lease: string } | { stored: StoredKey }> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    const lease = randomUUID();
    for (;;) {
      const inserted = await this.db.query(
        `insert into idempotency_keys (actor, key, request_hash, lease, locked_until)
         values ($1, $2, $3, $4, now() + make_interval(secs => $5))
         on conflict do nothing returning key`,
        [actor, key, hash, lease, LEASE_SECONDS],
      );
      if (inserted.length > 0) return { lease };

      const [existing] = (await this.db.query(
        'select request_hash, status_code, body, headers from idempotency_keys where actor = $1 and key = $2',
        [actor, key],
      )) as StoredKey[];
      if (!existing) continue;
      if (existing.request_hash !== hash) {
        throw new IdempotencyKeyReused();
      }
      if (existing.status_code !== null) return { stored: existing };

      const takenOver = await this.db.query(
        // As a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
        `with taken as (
           update idempotency_keys set lease = $3, locked_until = now() + make_interval(secs => $4)
           where actor = $1 and key = $2 and status_code is null and locked_until < now() returning key
         ) select key from taken`,
        [actor, key, lease, LEASE_SECONDS],
      );
      if (takenOver.length > 0) return { lease };
      if (Date.now() > deadline) {
        throw new IdempotencyKeyInUse();
      }
      await sleep(25);
    }
  }

  private replay(context: ExecutionContext, stored: StoredKey): unknown {
    if (stored.status_code! >= 400) throw new ProblemException(stored.body as ProblemDetails);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    reply.status(stored.status_code!);
    for (const [name, value] of Object.entries(stored.headers ?? {})) reply.header(name, value);
    return stored.body;
  }

  private async complete(
    actor: string,
    key: string,
    lease: string,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<void> {
    await this.db.query(
      `update idempotency_keys set status_code = $4, body = $5, headers = $6, completed_at = now()
       where actor = $1 and key = $2 and lease = $3`,
      [actor, key, lease, status, JSON.stringify(body), JSON.stringify(headers)],
    );
  }

  private async forget(actor: string, key: string, lease: string): Promise<void> {
    await this.db.query('delete from idempotency_keys where actor = $1 and key = $2 and lease = $3', [
      actor,
      key,
      lease,
    ]);
  }
}

/** What makes two requests "the same": method, path, condition and body. */
function requestHash(request: FastifyRequest): string {
  const condition = request.headers['if-match'] ?? '';
  // The path as sent, without the query: what Express's `request.path` was when the hash was first kept.
  const path = request.url.split('?', 1)[0];
  return createHash('sha256')
    .update(`${request.method} ${path}\n${condition}\n${canonicalJson(request.body)}`)
    .digest('hex');
}

function answerHeaders(context: ExecutionContext): Record<string, string> {
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** Key order must not make two equal bodies look different. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
