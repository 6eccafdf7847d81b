import type { FieldProblem } from './validation';

/** Typed errors for the controllers to map (404, 400); they know nothing of HTTP. */
export class WebhookNotFound extends Error {
  readonly code = 'webhook_not_found';
  constructor(readonly webhookId: string) {
    super(`webhook ${webhookId} does not exist`);
    this.name = 'WebhookNotFound';
  }
}

export class DeliveryNotFound extends Error {
  readonly code = 'delivery_not_found';
  constructor(readonly deliveryId: string) {
    super(`delivery ${deliveryId} does not exist`);
    this.name = 'DeliveryNotFound';
  }
}

export class InvalidDeliveryCursor extends Error {
  readonly code = 'invalid_cursor';
  constructor() {
    super('the cursor is not one this list gave out');
    this.name = 'InvalidDeliveryCursor';
  }
}

/** A create body with problems, for callers that skipped validateCreateWebhook. */
export class InvalidWebhook extends Error {
  readonly code = 'invalid_webhook';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InvalidWebhook';
  }
}
