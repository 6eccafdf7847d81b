import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import {
  DeliveryNotFound,
  type FieldProblem,
  InvalidDeliveryCursor,
  InvalidWebhook,
  WebhookNotFound,
} from '@app/notifications';
import type { ErrorKind, TypedError } from '@app/platform';
import { type Observable, catchError, throwError } from 'rxjs';

/*
 * The webhook engine's errors know nothing of HTTP, nor of the platform's `kind`s: here they become
 * typed errors, which the one problem-details filter maps like every other (codes are listed in the
 * README's Webhooks section).
 */

abstract class WebhookError extends Error implements TypedError {
  abstract readonly kind: ErrorKind;
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownWebhook extends WebhookError {
  readonly kind = 'not_found';
  readonly code = 'webhook-not-found';
  constructor() {
    super('No webhook has this id.');
  }
}

export class UnknownDelivery extends WebhookError {
  readonly kind = 'not_found';
  readonly code = 'delivery-not-found';
  constructor() {
    super('This webhook has no delivery with this id.');
  }
}

export class UnknownDeliveryCursor extends WebhookError {
  readonly kind = 'invalid';
  readonly code = 'invalid-cursor';
  readonly field = 'cursor';
  constructor() {
    super('The cursor is not one this list gave out.');
  }
}

/** Every problem of the body at once, as `errors`, like any other 400. */
export class WebhookRefused extends WebhookError {
  readonly kind = 'invalid';
  readonly code = 'invalid-webhook';
  constructor(readonly problems: FieldProblem[]) {
    super(`The webhook cannot be created: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`);
  }
  get extensions() {
    return { errors: this.problems };
  }
}

export function typedWebhookError(error: unknown): unknown {
  if (error instanceof WebhookNotFound) return new UnknownWebhook();
  if (error instanceof DeliveryNotFound) return new UnknownDelivery();
  if (error instanceof InvalidDeliveryCursor) return new UnknownDeliveryCursor();
  if (error instanceof InvalidWebhook) return new WebhookRefused(error.problems);
  return error;
}

/** Translates the engine's errors on their way out of the webhook routes. */
@Injectable()
export class WebhookErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => typedWebhookError(error))));
  }
}
