/**
 * Webhook delivery (SPEC §6): endpoints and their management, the fan-out from the event log into
 * delivery rows, the dispatcher that signs and POSTs them with retries, and the guards on where
 * they may go. No HTTP routes here: controllers call WebhookService's `endpoints` and `deliveries`.
 */
export { WebhookService, type WebhookServiceOptions, type WebhookLogger, type WebhookRole } from './webhook-service';
export {
  WebhookEndpoints,
  webhookIdOf,
  type WebhookEndpoint,
  type EndpointStatus,
  type CreateWebhookBody,
} from './endpoints';
export {
  WebhookDeliveries,
  type DeliveryStatus,
  type DeliverySummary,
  type DeliveryPage,
  type ListDeliveriesOptions,
} from './deliveries';
export { FanOut, type FanOutOptions, type BatchResult } from './fan-out';
export {
  Dispatcher,
  DISABLE_AFTER_MS,
  type CandidateNames,
  type DispatcherOptions,
  type ClaimedDelivery,
} from './dispatcher';
export {
  validateCreateWebhook,
  WEBHOOK_FORMATS,
  type WebhookFormat,
  type CreateWebhookInput,
  type FieldProblem,
  type Validated,
} from './validation';
export { WebhookNotFound, DeliveryNotFound, InvalidDeliveryCursor, InvalidWebhook } from './errors';
export { WEBHOOK_EVENT_TYPES, ALL_EVENTS, isWebhookEventType, type WebhookEventType } from './event-types';
export {
  payloadOf,
  metPayload,
  standardBody,
  type WebhookPayload,
  type WebhookBody,
  type WebhookEvent,
  type MetObligation,
  type SlaMetSource,
} from './payloads';
export { slackBody, escapeSlack, type SlackBody } from './slack';
export { generateSecret, sign } from './signing';
export { checkWebhookUrl, guardedLookup, TargetRefused, type TargetPolicy, type UrlProblem } from './target-guard';
export { classifyAddress, isPublicAddress, type AddressClass } from './address-ranges';
export { WebhookSender, type AttemptOutcome, type WebhookRequest } from './sender';
export { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from './retry-schedule';
export { WEBHOOK_LEADER_LOCK } from './locks';
export { NOTIFICATION_MIGRATIONS, Webhooks1733100000000 } from './migration';
