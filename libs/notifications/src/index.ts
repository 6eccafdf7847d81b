/** Subscribers that act on the event log: webhook delivery (see webhooks/). */
export * from './webhooks';
