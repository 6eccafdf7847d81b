import type { FieldProblem } from './validation';

/*
 * Typed like every error of the service (a `kind` and a stable `code`, no HTTP), so the API's one
 * problem-details filter maps them as they are; the codes are listed in the README's Webhooks section.
 */

export class WebhookNotFound extends Error {
  readonly kind = 'not_found';
  readonly code = 'webhook-not-found';
  constructor(readonly webhookId: string) {
    super('No webhook has this id.');
    this.name = 'WebhookNotFound';
  }
}

export class DeliveryNotFound extends Error {
  readonly kind = 'not_found';
  readonly code = 'delivery-not-found';
  constructor(readonly deliveryId: string) {
    super('This webhook has no delivery with this id.');
    this.name = 'DeliveryNotFound';
  }
}

export class InvalidDeliveryCursor extends Error {
  readonly kind = 'invalid';
  readonly code = 'invalid-cursor';
  readonly field = 'cursor';
  constructor() {
    super('The cursor is not one this list gave out.');
    this.name = 'InvalidDeliveryCursor';
  }
}

/** A create body with problems, every one of them (the 400's `errors`). */
export class InvalidWebhook extends Error {
  readonly kind = 'invalid';
  readonly code = 'invalid-webhook';
  constructor(readonly problems: FieldProblem[]) {
    super(`The webhook cannot be created: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`);
    this.name = 'InvalidWebhook';
  }
}
