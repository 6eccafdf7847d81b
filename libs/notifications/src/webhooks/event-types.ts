/** The webhook event types of SPEC §6, the wire values of an endpoint's `events`. */
export const WEBHOOK_EVENT_TYPES = [
  'application.submitted',
  'application.stage_changed',
  'application.rejected',
  'application.unrejected',
  'application.withdrawn',
  'application.hired',
  'interview.scheduled',
  'interview.held',
  'interview.cancelled',
  'interview.no_show',
  'scorecard.submitted',
  'offer.extended',
  'offer.declined',
  'reference.recorded',
  'candidate.updated',
  'candidate.erased',
  'sla.reminder',
  'sla.escalated',
  'sla.met',
  'webhook.test',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An endpoint subscribed to `["*"]` gets every type. */
export const ALL_EVENTS = '*';

export const isWebhookEventType = (value: unknown): value is WebhookEventType =>
  typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

export const subscribesTo = (events: readonly string[], type: WebhookEventType): boolean =>
  events.includes(ALL_EVENTS) || events.includes(type);

/** The webhook type each log event becomes; sla.met is derived (see SlaMetSource) and webhook.test is made on request. */
export const WEBHOOK_TYPE_OF_LOG_TYPE: Readonly<Record<string, WebhookEventType>> = {
  ApplicationSubmitted: 'application.submitted',
  StageChanged: 'application.stage_changed',
  ApplicationRejected: 'application.rejected',
  ApplicationUnrejected: 'application.unrejected',
  ApplicationWithdrawn: 'application.withdrawn',
  OfferAccepted: 'application.hired',
  InterviewScheduled: 'interview.scheduled',
  InterviewHeld: 'interview.held',
  InterviewCancelled: 'interview.cancelled',
  InterviewMarkedNoShow: 'interview.no_show',
  ScorecardSubmitted: 'scorecard.submitted',
  OfferExtended: 'offer.extended',
  OfferDeclined: 'offer.declined',
  ReferenceRecorded: 'reference.recorded',
  CandidateUpdated: 'candidate.updated',
  CandidateDataErased: 'candidate.erased',
  ObligationReminderRecorded: 'sla.reminder',
  ObligationEscalated: 'sla.escalated',
};
