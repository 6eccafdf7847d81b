/**
 * SPEC §6 wired into Nest: the webhook service, its delivery lifecycle and the ports it reads
 * through, and the reminder timer's lifecycle.
 */
export { NotificationsModule, WebhookDelivery } from './notifications.module';
export { candidateNamesFrom } from './candidate-names';
export { slaMetSource } from './sla-met';
export { SlaReminders, REMINDER_POLL_MS } from './sla-reminders';
