/** Subscribers that act on the event log: webhook delivery (webhooks/) and SLA reminders (reminders/). */
export * from './leadership';
export * from './reminders';
export * from './webhooks';
